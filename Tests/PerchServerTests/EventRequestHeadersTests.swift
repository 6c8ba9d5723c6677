import HTTPTypes
import NIOCore
import NIOHTTP1
import PerchEnrich
import Testing

@testable import PerchServer

/// `EventRequestHeaders` picks the Events API's fields from NIO's headers in one pass; each must
/// read exactly as the lookup by name (`HTTPHeaders.value(of:)`, which the routes' `HTTPFields`
/// reading matches) reads it, on awkward header sets.
@Suite struct EventRequestHeadersTests {
    static let names: [HTTPField.Name] = [
        .contentType, .userAgent, .expect, .connection, EventRequestHeaders.plausibleIPName,
        EventRequestHeaders.cfConnectingIPName, EventRequestHeaders.bForwardedForName,
        EventRequestHeaders.xForwardedForName, EventRequestHeaders.forwardedName,
        EventRequestHeaders.plausibleIPTypeName,
    ]

    static let headerSets: [[(String, String)]] = [
        [],
        [("Host", "a.test"), ("Content-Type", "text/plain"), ("User-Agent", "UA"), ("X-Forwarded-For", "10.0.0.1")],
        [("content-type", "a"), ("CONTENT-TYPE", "b"), ("Content-type", "")],
        [("X-Forwarded-For", "1.2.3.4"), ("x-forwarded-for", "5.6.7.8, 9.9.9.9"), ("B-Forwarded-For", "2.2.2.2")],
        // Same lengths as wanted names, one byte off; and names that differ only past ASCII.
        [("x-forwarded-fox", "no"), ("user_agent", "no"), ("connectioN", "keep-alive"), ("expecT", "100-continue")],
        [("x-plausible-ip-typ", "no"), ("x-plausible-ip-type", " dc_ip "), ("X-Plausible-IP", "203.0.113.9")],
        [("cf-connecting-ip", "203.0.113.1"), ("CF-Connecting-IP", "bad"), ("Forwarded", "for=1.2.3.4")],
        [("forwardeD", "for=\"[2001:db8::1]:80\""), ("forwarde", "no"), ("forwarded ", "no")],
        [("Üser-Agent", "no"), ("user-agent", "Mozilla/5.0 (é)"), ("Connection", "close"), ("connection", "Upgrade")],
        [("b-forwarded-for", ""), ("b-forwarded-for", " "), ("x-forwarded-for", ",,")],
    ]

    @Test(arguments: 0..<headerSets.count)
    func picksAsTheLookupByNameReads(index: Int) {
        let headers = HTTPHeaders(Self.headerSets[index])
        let picked = EventRequestHeaders(headers)
        let byName = Self.lookedUpByName(headers)
        for name in Self.names {
            #expect(Self.value(of: name, in: picked) == headers.value(of: name), "\(name)")
            #expect(Self.value(of: name, in: byName) == headers.value(of: name), "\(name)")
        }
    }

    /// Every resolved client IP carries the address its text parses to, so the pipeline can use it
    /// instead of parsing the text again.
    @Test(arguments: 0..<headerSets.count)
    func theResolvedAddressIsTheTextParsed(index: Int) throws {
        let headers = EventRequestHeaders(HTTPHeaders(Self.headerSets[index]))
        for peerIP in ["127.0.0.1", "198.51.100.9", "::1"] {
            let resolver = ClientIPResolver()
            let peer = resolver.peer(try SocketAddress(ipAddress: peerIP, port: 1))
            let client = resolver.clientIP(peer: peer, headers: headers)
            #expect(client.address == IPAddress(client.text))
            #expect(client.address != nil)
        }
        #expect(ClientIPResolver().peer(nil).client.address == nil)
    }

    /// Through the generic initializer, which looks each name up.
    static func lookedUpByName(_ headers: some RequestHeaders) -> EventRequestHeaders {
        EventRequestHeaders(headers)
    }

    static func value(of name: HTTPField.Name, in headers: EventRequestHeaders) -> String? {
        switch name {
        case .contentType: headers.contentType
        case .userAgent: headers.userAgent
        case .expect: headers.expect
        case .connection: headers.connection
        case EventRequestHeaders.plausibleIPName: headers.plausibleIP
        case EventRequestHeaders.cfConnectingIPName: headers.cfConnectingIP
        case EventRequestHeaders.bForwardedForName: headers.bForwardedFor
        case EventRequestHeaders.xForwardedForName: headers.xForwardedFor
        case EventRequestHeaders.forwardedName: headers.forwarded
        case EventRequestHeaders.plausibleIPTypeName: headers.plausibleIPType
        default: nil
        }
    }
}
