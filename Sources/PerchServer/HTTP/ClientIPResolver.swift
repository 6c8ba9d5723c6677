import HTTPTypes
import NIOCore
import PerchCore
import PerchEnrich
import PerchIngest

/// Finds the visitor's IP. From a peer that is not a trusted proxy it is the socket address, so a
/// client cannot choose its own IP. From a trusted proxy (loopback by default, `--trusted-proxy`),
/// the first usable of `X-Plausible-IP`, `CF-Connecting-IP` (one address each, set by the proxy),
/// then `B-Forwarded-For`, `X-Forwarded-For` and `Forwarded` — of these lists, the right-most hop
/// that is not itself a trusted proxy, since everything left of it was written by the client.
/// Header order as Plausible's (spec §12.1); ports and brackets are cleaned off.
package struct ClientIPResolver: Sendable {
    package let trustedProxies: [CIDRBlock]

    package init(trustedProxies: [CIDRBlock] = CIDRBlock.loopback) {
        self.trustedProxies = trustedProxies
    }

    /// What the resolver needs of a connection's socket peer, which stays the same for the life of
    /// the connection: the events fast path works it out once per connection, not per request.
    package struct Peer: Sendable {
        /// The peer's IP, text "" when the socket has none.
        let client: ClientIP
        /// Whether the peer is a trusted proxy, whose client-IP headers are believed.
        let isTrusted: Bool
    }

    /// The verdict on `address` (formatting and parsing its IP once).
    package func peer(_ address: SocketAddress?) -> Peer {
        let client = ClientIP(address?.ipAddress ?? "")
        return Peer(client: client, isTrusted: client.address.map(isTrusted) ?? false)
    }

    package func clientIP(peer: SocketAddress?, headers: some RequestHeaders) -> String {
        clientIP(peer: self.peer(peer), headers: EventRequestHeaders(headers)).text
    }

    /// The visitor's IP, parsed once: the address the pipeline needs is the one found here.
    package func clientIP(peer: Peer, headers: EventRequestHeaders) -> ClientIP {
        guard peer.isTrusted else { return peer.client }
        if let client = Self.single(headers.plausibleIP) ?? Self.single(headers.cfConnectingIP) { return client }
        if let hop = headers.bForwardedFor.flatMap(listed) ?? headers.xForwardedFor.flatMap(listed) { return hop }
        if let forwarded = headers.forwarded, let hop = rightmostUntrusted(Self.forwardedFor(forwarded)) {
            return hop
        }
        return peer.client
    }

    /// `x-plausible-ip-type` (`dc_ip`, `threat_ip`, `anonymous_vpn_ip`), believed only from a
    /// trusted proxy like the other client-IP headers.
    package func clientIPType(peer: SocketAddress?, headers: some RequestHeaders) -> ClientIPType? {
        let headers = EventRequestHeaders(headers)
        guard headers.plausibleIPType != nil else { return nil }
        return clientIPType(peer: self.peer(peer), headers: headers)
    }

    package func clientIPType(peer: Peer, headers: EventRequestHeaders) -> ClientIPType? {
        guard let value = headers.plausibleIPType, peer.isTrusted else { return nil }
        return ClientIPType(rawValue: value.trimmingASCIIWhitespace())
    }

    private func isTrusted(_ address: IPAddress) -> Bool {
        trustedProxies.contains { $0.contains(address) }
    }

    /// The right-most valid hop that is not a trusted proxy; the left-most valid one when every hop
    /// is trusted; nil when none is an address.
    private func rightmostUntrusted(_ hops: some BidirectionalCollection<String>) -> ClientIP? {
        var leftmost: ClientIP?
        for hop in hops.reversed() {
            let client = ClientIP(hop)
            guard let address = client.address else { continue }
            if !isTrusted(address) { return client }
            leftmost = client
        }
        return leftmost
    }

    /// A one-address header's value, when it is an address.
    private static func single(_ value: String?) -> ClientIP? {
        guard let value else { return nil }
        let client = ClientIP(clean(value))
        return client.address == nil ? nil : client
    }

    /// The hop of a forwarded-for list that names the client; the usual single hop is not split.
    private func listed(_ list: String) -> ClientIP? {
        guard list.utf8.contains(UInt8(ascii: ",")) else {
            return rightmostUntrusted(CollectionOfOne(Self.clean(list)))
        }
        return rightmostUntrusted(list.split(separator: ",").map(Self.clean))
    }

    /// The `for=` values of a `Forwarded` header, in order, without quotes.
    static func forwardedFor(_ header: String) -> [String] {
        var values: [String] = []
        for element in header.split(separator: ",") {
            for pair in element.split(separator: ";") {
                let trimmed = pair.trimmingASCIIWhitespace()
                guard trimmed.lowercased().hasPrefix("for=") else { continue }
                values.append(clean(String(trimmed.dropFirst(4).filter { $0 != "\"" })))
            }
        }
        return values
    }

    /// Strips surrounding space, a `:port` after an IPv4 address or `]`, and brackets.
    static func clean<S: StringProtocol>(_ raw: S) -> String {
        var value = raw.trimmingASCIIWhitespace()
        if let cleaned = asciiCleaned(value) { return cleaned }
        if value.hasPrefix("["), let close = value.firstIndex(of: "]") {
            return String(value[value.index(after: value.startIndex)..<close])
        }
        if let colon = value.lastIndex(of: ":"), value.firstIndex(of: ":") == colon,
            value[..<colon].allSatisfy({ $0.isNumber || $0 == "." })
        {
            value = String(value[..<colon])
        }
        return value
    }

    /// `clean` (after trimming) read as bytes, for ASCII text without a carriage return, where
    /// each byte is one Character (only "\r\n" joins two ASCII bytes); nil for any other text.
    private static func asciiCleaned(_ value: String) -> String? {
        let bytes = value.utf8
        var firstColon: String.Index?
        var lastColon: String.Index?
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte >= 0x80 || byte == UInt8(ascii: "\r") { return nil }
            if byte == UInt8(ascii: ":") {
                if firstColon == nil { firstColon = index }
                lastColon = index
            }
            bytes.formIndex(after: &index)
        }
        if bytes.first == UInt8(ascii: "["), let close = bytes.firstIndex(of: UInt8(ascii: "]")) {
            return String(value[bytes.index(after: bytes.startIndex)..<close])
        }
        if let colon = lastColon, firstColon == colon,
            bytes[..<colon].allSatisfy({
                $0 == UInt8(ascii: ".") || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9"))
            })
        {
            return String(value[..<colon])
        }
        return value
    }
}

/// The visitor's IP as the text used for its identity, and parsed (nil when the text is not an
/// address, e.g. a socket without an IP), so the pipeline does not parse it again.
package struct ClientIP: Sendable {
    package let text: String
    package let address: IPAddress?

    package init(_ text: String) {
        self.text = text
        address = IPAddress(text)
    }
}
