/// Host-name text handling shared by the referrer and public-suffix data sets: ASCII-only case
/// folding, as ClickHouse's `lower` and the hosts in these lists need, without a Unicode pass, and
/// byte scans over contiguous UTF-8 (the generic `String.UTF8View` algorithms are much slower).
enum HostText {
    /// `text` with `A`–`Z` folded to lower case; returns the same string when there is nothing to fold.
    static func asciiLowercased(_ text: String) -> String {
        guard withBytes(of: text, { $0.contains(where: { $0 &- 65 < 26 }) }) else { return text }
        return String(decoding: text.utf8.map { $0 &- 65 < 26 ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    /// Calls `body` with the UTF-8 bytes of `text`, copying only when they are not contiguous.
    static func withBytes<T>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// The first non-nil `body` result for `host[start...]` and then each parent domain of it,
    /// longest first (`a.b.c` → `b.c` → `c`).
    static func firstSuffix<T>(of host: String, fromOffset start: Int = 0, _ body: (Substring) -> T?) -> T? {
        let utf8 = host.utf8
        return withBytes(of: host) { bytes in
            if let found = body(host[utf8.index(utf8.startIndex, offsetBy: start)...]) { return found }
            for offset in start..<bytes.count where bytes[offset] == UInt8(ascii: ".") {
                if let found = body(host[utf8.index(utf8.startIndex, offsetBy: offset + 1)...]) { return found }
            }
            return nil
        }
    }

    /// Whether `text` contains `needle` (both compared as bytes).
    static func contains(_ text: String, _ needle: StaticString) -> Bool {
        let needleCount = needle.utf8CodeUnitCount
        guard needleCount <= text.utf8.count else { return false }
        return needle.withUTF8Buffer { pattern in
            withBytes(of: text) { bytes in
                var start = 0
                while start + needleCount <= bytes.count {
                    if bytes[start] == pattern[0] {
                        var offset = 1
                        while offset < needleCount, bytes[start + offset] == pattern[offset] { offset += 1 }
                        if offset == needleCount { return true }
                    }
                    start += 1
                }
                return false
            }
        }
    }
}
