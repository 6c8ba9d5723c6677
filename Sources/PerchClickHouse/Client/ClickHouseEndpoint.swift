/// Where ClickHouse's HTTP interface listens, parsed from a URL such as
/// `http://user:password@127.0.0.1:8123`. The credentials are kept apart from the address, so
/// the address can be printed and the request URL never holds them.
package struct ClickHouseEndpoint: Sendable, Hashable, CustomStringConvertible {
    package var scheme: String
    package var host: String
    package var port: Int
    /// Starts and ends with `/`; `/` unless ClickHouse sits behind a proxy under a path.
    package var path: String
    package var user: String?
    package var password: String?

    package init(url: String) throws(ClickHouseError) {
        guard let schemeEnd = url.firstRange(of: "://") else {
            throw .invalidConfiguration("the URL needs a scheme, as in http://127.0.0.1:8123")
        }
        scheme = url[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else {
            throw .invalidConfiguration("the URL's scheme must be http or https")
        }
        var rest = url[schemeEnd.upperBound...]
        if let end = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<end] }
        let pathStart = rest.firstIndex(of: "/") ?? rest.endIndex
        var authority = rest[..<pathStart]
        path = String(rest[pathStart...])
        if path.isEmpty { path = "/" }
        if !path.hasSuffix("/") { path += "/" }
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            authority = authority[authority.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                user = try Self.percentDecoded(userInfo[..<colon])
                password = try Self.percentDecoded(userInfo[userInfo.index(after: colon)...])
            } else {
                user = try Self.percentDecoded(userInfo)
            }
        }
        let hostEnd: Substring.Index
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                throw .invalidConfiguration("unclosed [ in the host")
            }
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            hostEnd = authority.index(after: close)
        } else {
            hostEnd = authority.firstIndex(of: ":") ?? authority.endIndex
            host = String(authority[..<hostEnd])
        }
        guard !host.isEmpty else { throw .invalidConfiguration("the URL has no host") }
        if hostEnd < authority.endIndex {
            guard authority[hostEnd] == ":", let number = Int(authority[authority.index(after: hostEnd)...]),
                (1...65535).contains(number)
            else { throw .invalidConfiguration("the URL's port is not a number from 1 to 65535") }
            port = number
        } else {
            port = scheme == "https" ? 8443 : 8123
        }
    }

    /// True for a server on this machine: `localhost`, 127.0.0.0/8 or `::1`.
    package var isLoopback: Bool {
        let name = host.lowercased()
        let ipv4 = name.allSatisfy { $0 == "." || ("0"..."9").contains($0) }
        return name == "localhost" || name == "::1" || (ipv4 && name.hasPrefix("127."))
    }

    /// The base of every request URL: no credentials, no query.
    package var baseURL: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "\(scheme)://\(shownHost):\(port)\(path)"
    }

    /// The address without the credentials (the user's name only), for logs and errors.
    package var description: String {
        user.map { "\(baseURL) (user \($0))" } ?? baseURL
    }

    private static func percentDecoded(_ text: Substring) throws(ClickHouseError) -> String {
        var bytes: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(Self.hexValue), let low = iterator.next().flatMap(Self.hexValue)
            else { throw .invalidConfiguration("a malformed %-escape in the URL's user or password") }
            bytes.append(high << 4 | low)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
