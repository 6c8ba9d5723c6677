import HTTPTypes
import NIOCore

/// Finds the visitor's IP: the socket peer, or — when the peer is a trusted proxy (loopback for
/// now) — the first of `X-Plausible-IP`, `CF-Connecting-IP`, `B-Forwarded-For`, `X-Forwarded-For`,
/// `Forwarded` (spec §12.1), cleaned of ports and brackets.
package struct ClientIPResolver: Sendable {
    package init() {}

    package func clientIP(peer: SocketAddress?, headers: HTTPFields) -> String {
        let peerIP = peer?.ipAddress ?? ""
        guard Self.isLoopback(peerIP) else { return peerIP }
        for name in Self.singleValueHeaders {
            if let value = headers[name].map(Self.clean), !value.isEmpty { return value }
        }
        for name in Self.listHeaders {
            if let first = headers[name]?.split(separator: ",").first.map({ Self.clean(String($0)) }),
                !first.isEmpty
            {
                return first
            }
        }
        if let forwarded = headers[Self.forwarded], let value = Self.forwardedFor(forwarded), !value.isEmpty {
            return value
        }
        return peerIP
    }

    private static let singleValueHeaders = [HTTPField.Name("X-Plausible-IP")!, HTTPField.Name("CF-Connecting-IP")!]
    private static let listHeaders = [HTTPField.Name("B-Forwarded-For")!, HTTPField.Name("X-Forwarded-For")!]
    private static let forwarded = HTTPField.Name("Forwarded")!

    static func isLoopback(_ ip: String) -> Bool {
        ip.hasPrefix("127.") || ip == "::1" || ip.hasPrefix("::ffff:127.")
    }

    /// The first `for=` value of a `Forwarded` header, without quotes.
    static func forwardedFor(_ header: String) -> String? {
        for element in header.split(separator: ",") {
            for pair in element.split(separator: ";") {
                let trimmed = pair.trimmingCharacters(in: " \t")
                guard trimmed.lowercased().hasPrefix("for=") else { continue }
                let value = trimmed.dropFirst(4).filter { $0 != "\"" }
                return clean(String(value))
            }
        }
        return nil
    }

    /// Strips a `:port` after an IPv4 address or `]`, and surrounding brackets.
    static func clean(_ raw: String) -> String {
        var value = raw.trimmingCharacters(in: " \t")
        if value.hasPrefix("["), let close = value.firstIndex(of: "]") {
            value = String(value[value.index(after: value.startIndex)..<close])
            return value
        }
        if let colon = value.lastIndex(of: ":"), value.firstIndex(of: ":") == colon,
            value[..<colon].allSatisfy({ $0.isNumber || $0 == "." })
        {
            value = String(value[..<colon])
        }
        return value
    }
}

extension StringProtocol {
    fileprivate func trimmingCharacters(in set: String) -> String {
        let characters = Set(set)
        guard let first = firstIndex(where: { !characters.contains($0) }) else { return "" }
        let last = lastIndex(where: { !characters.contains($0) })!
        return String(self[first...last])
    }
}
