extension String {
    /// Without leading and trailing Unicode whitespace, like Elixir's `String.trim/1`.
    package var trimmingWhitespace: String {
        // Usually nothing to trim: an ASCII byte that is not whitespace at both ends is a scalar
        // that is not whitespace at both ends (a UTF-8 byte below 0x80 is a whole scalar).
        if let first = utf8.first, let last = utf8.last, Self.isASCIINonWhitespace(first),
            Self.isASCIINonWhitespace(last)
        {
            return self
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isWhitespaceFast }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.isWhitespaceFast })!
        if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) { return self }
        return String(scalars[first...last])
    }

    /// Without trailing Unicode whitespace, like Elixir's `String.trim_trailing/1`.
    package var trimmingTrailingWhitespace: String {
        if let last = utf8.last, Self.isASCIINonWhitespace(last) { return self }
        let scalars = unicodeScalars
        guard let last = scalars.lastIndex(where: { !$0.isWhitespaceFast }) else { return "" }
        if last == scalars.index(before: scalars.endIndex) { return self }
        return String(scalars[...last])
    }

    /// Empty or only Unicode whitespace (Ecto's notion of blank).
    package var isBlank: Bool {
        if let first = utf8.first, Self.isASCIINonWhitespace(first) { return false }
        return unicodeScalars.allSatisfy(\.isWhitespaceFast)
    }

    /// An ASCII byte that is not whitespace; false for every byte of a multi-byte scalar.
    private static func isASCIINonWhitespace(_ byte: UInt8) -> Bool {
        byte < 0x80 && !Unicode.Scalar(byte).isWhitespaceFast
    }

    /// Lowercased, without the cost of Unicode case mapping when there is nothing to map.
    package var lowercasedFast: String {
        for byte in utf8 where byte >= 0x80 || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) {
            return lowercased()
        }
        return self
    }
}

extension Unicode.Scalar {
    /// Unicode `White_Space`, answering ASCII without the property table lookup.
    var isWhitespaceFast: Bool {
        if value < 0x80 { return value == 0x20 || (value >= 0x09 && value <= 0x0D) }
        return properties.isWhitespace
    }
}
