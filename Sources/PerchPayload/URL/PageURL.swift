/// A URL split the lenient way Elixir's `URI.parse/1` does (RFC 3986 appendix B): never fails,
/// keeps every part raw (undecoded). Relative paths, `about:config`, `file:///x` and
/// `chrome-extension://id/x` all split; only the scheme is lowercased.
package struct PageURL: Sendable, Hashable {
    /// Lowercased; nil when the text does not start with `letter (letter|digit|+|-|.)* ":"`.
    package var scheme: String?
    /// Nil without an authority (`//…`); IPv6 brackets removed; case kept.
    package var host: String?
    /// Nil when empty.
    package var path: String?
    /// Nil without `?`; `""` for a bare `?`.
    package var query: String?
    /// Nil without `#`; `""` for a bare `#`.
    package var fragment: String?

    package init(_ text: String) {
        var copy = text
        self = copy.withUTF8 { Self(bytes: $0) }
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        func string(_ from: Int, _ to: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self)
        }
        var start = 0
        var end = bytes.count
        if let colon = Self.schemeEnd(bytes) {
            scheme = string(0, colon).lowercasedFast
            start = colon + 1
        }
        if let hash = Self.firstIndex(of: "#", in: bytes, start, end) {
            fragment = string(hash + 1, end)
            end = hash
        }
        if let question = Self.firstIndex(of: "?", in: bytes, start, end) {
            query = string(question + 1, end)
            end = question
        }
        if end - start >= 2 && bytes[start] == UInt8(ascii: "/") && bytes[start + 1] == UInt8(ascii: "/") {
            let authorityEnd = Self.firstIndex(of: "/", in: bytes, start + 2, end) ?? end
            var hostStart = start + 2
            var index = authorityEnd
            while index > hostStart {
                index -= 1
                if bytes[index] == UInt8(ascii: "@") {
                    hostStart = index + 1
                    break
                }
            }
            if hostStart < authorityEnd, bytes[hostStart] == UInt8(ascii: "["),
                let close = Self.firstIndex(of: "]", in: bytes, hostStart, authorityEnd)
            {
                host = string(hostStart + 1, close)
            } else {
                host = string(hostStart, Self.firstIndex(of: ":", in: bytes, hostStart, authorityEnd) ?? authorityEnd)
            }
            start = authorityEnd
        }
        if start < end { path = string(start, end) }
    }

    private static func firstIndex(
        of character: Unicode.Scalar, in bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int
    ) -> Int? {
        let target = UInt8(character.value)
        var index = from
        while index < to {
            if bytes[index] == target { return index }
            index += 1
        }
        return nil
    }

    private static func schemeEnd(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = bytes.first, isLetter(first) else { return nil }
        for index in bytes.indices {
            let byte = bytes[index]
            if byte == UInt8(ascii: ":") { return index }
            let allowed =
                isLetter(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            if !allowed { return nil }
        }
        return nil
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    /// The path percent-decoded as UTF-8; nil when there is no path.
    package func decodedPath() throws(PercentDecoding.Failure) -> String? {
        guard let path else { return nil }
        return try PercentDecoding.decode(path)
    }

    /// The query form-decoded (empty without a query).
    package func queryParameters() throws(PercentDecoding.Failure) -> FormParameters {
        guard let query else { return FormParameters() }
        return try FormParameters(decoding: query)
    }
}

extension String {
    /// The string without one leading `www.` (case-sensitive, as Plausible strips it).
    package var withoutWWW: String {
        hasPrefix("www.") ? String(dropFirst(4)) : self
    }
}
