extension String {
    /// Without leading and trailing Unicode whitespace, like Elixir's `String.trim/1`.
    package var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isWhitespaceFast }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.isWhitespaceFast })!
        if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) { return self }
        return String(scalars[first...last])
    }

    /// Without trailing Unicode whitespace, like Elixir's `String.trim_trailing/1`.
    package var trimmingTrailingWhitespace: String {
        let scalars = unicodeScalars
        guard let last = scalars.lastIndex(where: { !$0.isWhitespaceFast }) else { return "" }
        if last == scalars.index(before: scalars.endIndex) { return self }
        return String(scalars[...last])
    }

    /// Empty or only Unicode whitespace (Ecto's notion of blank).
    package var isBlank: Bool {
        unicodeScalars.allSatisfy(\.isWhitespaceFast)
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
