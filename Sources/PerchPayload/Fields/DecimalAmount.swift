import PerchCore

/// Decimal text to thousandths, exactly (no binary floating point on the way): the longest
/// decimal prefix is read, as Elixir's `Decimal.parse/1` does, and rounded half away from zero.
package enum DecimalAmount {
    /// Amounts are stored as `Decimal(18,3)`: at most 15 digits before the point.
    private static let limit: Int64 = 999_999_999_999_999_999

    /// `"12.3xyz"` → 12300; `"-0.0005"` → -1; `"1e3"` → 1000000; nil without a leading number.
    package static func thousandths(prefixOf text: String) -> MilliAmount? {
        var bytes = text.utf8[...]
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        var digits: [UInt8] = []
        var pointPosition: Int?
        while let byte = bytes.first {
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                digits.append(byte - UInt8(ascii: "0"))
            } else if byte == UInt8(ascii: "."), pointPosition == nil,
                bytes.dropFirst().first.map({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) == true
            {
                pointPosition = digits.count
            } else {
                break
            }
            bytes = bytes.dropFirst()
        }
        guard !digits.isEmpty else { return nil }
        var exponent = 0
        if let marker = bytes.first, marker == UInt8(ascii: "e") || marker == UInt8(ascii: "E") {
            var rest = bytes.dropFirst()
            var exponentNegative = false
            if let sign = rest.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                exponentNegative = sign == UInt8(ascii: "-")
                rest = rest.dropFirst()
            }
            var value = 0
            var sawDigit = false
            while let byte = rest.first, byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                value = min(value * 10 + Int(byte - UInt8(ascii: "0")), 10_000)
                sawDigit = true
                rest = rest.dropFirst()
            }
            if sawDigit { exponent = exponentNegative ? -value : value }
        }
        // The value is 0.digits × 10^(integerDigits + exponent); shift so 3 decimals stay whole.
        let integerDigits = (pointPosition ?? digits.count) + exponent + 3
        var whole: Int64 = 0
        for position in 0..<max(integerDigits, 0) {
            let digit = position < digits.count ? Int64(digits[position]) : 0
            guard whole <= (limit - digit) / 10 else { return nil }
            whole = whole * 10 + digit
        }
        let roundingPosition = max(integerDigits, 0)
        if integerDigits >= 0, roundingPosition < digits.count, digits[roundingPosition] >= 5 {
            guard whole < limit else { return nil }
            whole += 1
        }
        return MilliAmount(thousandths: negative ? -whole : whole)
    }
}
