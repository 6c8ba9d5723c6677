/// Integer casts as Elixir does them: `Integer.parse/1` that must consume the whole string, and
/// Ecto's `:integer` cast (integers, or strings that are entirely an integer).
package enum ElixirInteger {
    /// Saturates instead of overflowing: the callers only clamp or range-check the result.
    package static func parseWhole(_ text: String) -> Int64? {
        var bytes = text.utf8[...]
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        guard !bytes.isEmpty else { return nil }
        var value: Int64 = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            let digit = Int64(byte - UInt8(ascii: "0"))
            let (times, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (plus, overflowB) = times.addingReportingOverflow(digit)
            value = overflowA || overflowB ? .max : plus
        }
        return negative ? -value : value
    }

    /// Ecto's `:integer` cast of a JSON value; nil when it does not cast.
    package static func cast(_ value: JSONValue) -> Int64? {
        switch value {
        case .integer(let integer): return integer
        case .string(let text): return parseWhole(text)
        default: return nil
        }
    }
}
