/// `application/x-www-form-urlencoded` pairs (a URL query or a form body), in input order.
/// Lookups answer with the last occurrence of a key, as a decoded map would.
package struct FormParameters: Sendable, Hashable {
    package struct Pair: Sendable, Hashable {
        package var key: String
        package var value: String
    }

    package private(set) var pairs: [Pair]

    package init(pairs: [Pair] = []) {
        self.pairs = pairs
    }

    /// Splits on `&`, then on the first `=` (a key without one gets `""`); empty pairs are skipped.
    package init(decoding bytes: UnsafeBufferPointer<UInt8>) throws(PercentDecoding.Failure) {
        var pairs: [Pair] = []
        var start = 0
        while start < bytes.count {
            var end = start
            var equals: Int?
            while end < bytes.count && bytes[end] != UInt8(ascii: "&") {
                if equals == nil && bytes[end] == UInt8(ascii: "=") { equals = end }
                end += 1
            }
            if start < end {
                let keyEnd = equals ?? end
                let key = try PercentDecoding.decode(Self.slice(bytes, start, keyEnd), plusAsSpace: true)
                let value = try equals.map { (position) throws(PercentDecoding.Failure) in
                    try PercentDecoding.decode(Self.slice(bytes, position + 1, end), plusAsSpace: true)
                }
                pairs.append(Pair(key: key, value: value ?? ""))
            }
            start = end + 1
        }
        self.pairs = pairs
    }

    package init(decoding text: String) throws(PercentDecoding.Failure) {
        var copy = text
        self = try copy.withUTF8 { bytes in
            Result { () throws(PercentDecoding.Failure) in try Self(decoding: bytes) }
        }.get()
    }

    private static func slice(
        _ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int
    ) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[from..<to])
    }

    package subscript(key: String) -> String? {
        for pair in pairs.reversed() where pair.key == key { return pair.value }
        return nil
    }

    /// The pairs as a JSON object of strings (a form-encoded request body).
    package var jsonObject: JSONValue {
        var members = JSONMembers()
        for pair in pairs { members.set(pair.key, .string(pair.value)) }
        return .object(members.pairs)
    }
}
