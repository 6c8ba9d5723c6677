import HTTPTypes
import NIOCore
import PerchEnrich
import PerchIngest
import Testing

@testable import PerchServer

/// Which address identifies the visitor: forwarded headers only from trusted proxies, and of a
/// hop list the right-most hop that is not itself a trusted proxy, so a client cannot spoof it.
@Suite struct ClientIPResolverTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var peer: String
        var headers: [(String, String)]
        var trusted: [String] = []
        var expected: String
        var testDescription: String { "\(peer) \(headers) → \(expected)" }
    }

    static let cases: [Case] = [
        Case(peer: "198.51.100.9", headers: [("X-Forwarded-For", "203.0.113.1")], expected: "198.51.100.9"),
        Case(peer: "198.51.100.9", headers: [("X-Plausible-IP", "203.0.113.1")], expected: "198.51.100.9"),
        Case(peer: "198.51.100.9", headers: [("CF-Connecting-IP", "203.0.113.1")], expected: "198.51.100.9"),
        Case(peer: "127.0.0.1", headers: [], expected: "127.0.0.1"),
        Case(peer: "127.0.0.1", headers: [("X-Forwarded-For", "203.0.113.1")], expected: "203.0.113.1"),
        Case(peer: "::1", headers: [("X-Forwarded-For", "203.0.113.1")], expected: "203.0.113.1"),
        Case(peer: "127.0.0.1", headers: [("X-Forwarded-For", "1.2.3.4, 203.0.113.1")], expected: "203.0.113.1"),
        Case(
            peer: "10.0.0.2", headers: [("X-Forwarded-For", "1.2.3.4, 198.51.100.7, 10.0.0.5")],
            trusted: ["10.0.0.0/8"], expected: "198.51.100.7"),
        Case(
            peer: "10.0.0.2", headers: [("X-Forwarded-For", "10.0.0.1, 10.0.0.5")], trusted: ["10.0.0.0/8"],
            expected: "10.0.0.1"),
        Case(peer: "127.0.0.1", headers: [("X-Forwarded-For", "unknown")], expected: "127.0.0.1"),
        Case(peer: "127.0.0.1", headers: [("X-Forwarded-For", "216.160.83.56:123")], expected: "216.160.83.56"),
        Case(
            peer: "127.0.0.1", headers: [("X-Forwarded-For", "[2001:218:1:1:1:1:1:1]:123")],
            expected: "2001:218:1:1:1:1:1:1"),
        Case(
            peer: "127.0.0.1", headers: [("X-Plausible-IP", "203.0.113.9"), ("X-Forwarded-For", "203.0.113.1")],
            expected: "203.0.113.9"),
        Case(
            peer: "127.0.0.1", headers: [("CF-Connecting-IP", "not-an-ip"), ("X-Forwarded-For", "203.0.113.1")],
            expected: "203.0.113.1"),
        Case(
            peer: "127.0.0.1", headers: [("Forwarded", #"for="[2001:db8::1]:4711";proto=https"#)],
            expected: "2001:db8::1"),
        Case(
            peer: "127.0.0.1", headers: [("Forwarded", "for=192.0.2.60;proto=http, for=127.0.0.1")],
            expected: "192.0.2.60"),
        Case(
            peer: "192.0.2.1", headers: [("X-Forwarded-For", "203.0.113.1")], trusted: ["10.0.0.0/8"],
            expected: "192.0.2.1"),
        Case(
            peer: "127.0.0.1", headers: [("X-Forwarded-For", "203.0.113.1")], trusted: ["10.0.0.0/8"],
            expected: "127.0.0.1"),
        // A single hop is read without splitting the list; these read as a split list did.
        Case(peer: "127.0.0.1", headers: [("X-Forwarded-For", "")], expected: "127.0.0.1"),
        Case(peer: "127.0.0.1", headers: [("X-Forwarded-For", " 203.0.113.1 ")], expected: "203.0.113.1"),
        Case(peer: "127.0.0.1", headers: [("X-Forwarded-For", "203.0.113.1,")], expected: "203.0.113.1"),
        Case(peer: "127.0.0.1", headers: [("X-Forwarded-For", "127.0.0.2")], expected: "127.0.0.2"),
        Case(
            peer: "127.0.0.1", headers: [("X-Forwarded-For", "203.0.113.1"), ("X-Forwarded-For", "198.51.100.2")],
            expected: "198.51.100.2"),
        Case(
            peer: "127.0.0.1", headers: [("X-Forwarded-For", "203.0.113.1"), ("B-Forwarded-For", "198.51.100.3")],
            expected: "198.51.100.3"),
        Case(
            peer: "127.0.0.1", headers: [("B-Forwarded-For", "unknown"), ("X-Forwarded-For", "203.0.113.1")],
            expected: "203.0.113.1"),
        Case(
            peer: "127.0.0.1", headers: [("X-Plausible-IP", " 203.0.113.9:80 "), ("X-Forwarded-For", "203.0.113.1")],
            expected: "203.0.113.9"),
    ]

    @Test(arguments: cases)
    func resolves(_ example: Case) throws {
        let trusted = example.trusted.isEmpty ? CIDRBlock.loopback : example.trusted.compactMap(CIDRBlock.init)
        let resolver = ClientIPResolver(trustedProxies: trusted)
        var headers = HTTPFields()
        for (name, value) in example.headers { headers.append(HTTPField(name: HTTPField.Name(name)!, value: value)) }
        let peer = try SocketAddress(ipAddress: example.peer, port: 40_000)
        #expect(resolver.clientIP(peer: peer, headers: headers) == example.expected)
    }
}

/// `x-plausible-ip-type` is believed only from trusted proxies.
@Suite struct ClientIPTypeTests {
    @Test(arguments: [
        ("127.0.0.1", "dc_ip", ClientIPType.datacenter),
        ("127.0.0.1", "threat_ip", .threat),
        ("127.0.0.1", "anonymous_vpn_ip", .anonymousVPN),
        ("127.0.0.1", "residential", nil),
        ("198.51.100.9", "dc_ip", nil),
    ])
    func classification(peer: String, value: String, expected: ClientIPType?) throws {
        let headers: HTTPFields = [HTTPField.Name("x-plausible-ip-type")!: value]
        let type = ClientIPResolver().clientIPType(peer: try SocketAddress(ipAddress: peer, port: 1), headers: headers)
        #expect(type == expected)
    }
}
