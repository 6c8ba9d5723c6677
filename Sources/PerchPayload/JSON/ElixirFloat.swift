/// Renders a `Double` the way Elixir's `Float.to_string/1` does (Erlang's shortest round-trip
/// digits, then whichever of plain or exponent notation is shorter): `1.5` → `"1.5"`,
/// `100.0` → `"100.0"`, `1000.0` → `"1.0e3"`, `1.0e-5` → `"1.0e-5"`.
package enum ElixirFloat {
    package static func text(_ value: Double) -> String {
        guard value.isFinite else { return value.description }
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        let (digits, place) = shortestDigits(value.magnitude)
        let body = insertDecimal(place: place, digits: digits)
        return value < 0 ? "-" + body : body
    }

    /// Digits `d1 d2 …` without leading/trailing zeros and `place` such that the value is
    /// `0.d1d2… × 10^place`, taken from Swift's shortest round-trip description.
    private static func shortestDigits(_ value: Double) -> (digits: [UInt8], place: Int) {
        var digits: [UInt8] = []
        var pointPosition: Int?
        var exponent = 0
        let text = Array(value.description.utf8)
        var index = 0
        while index < text.count {
            let byte = text[index]
            if byte == UInt8(ascii: ".") {
                pointPosition = digits.count
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                exponent = Int(String(decoding: text[(index + 1)...], as: UTF8.self)) ?? 0
                break
            } else {
                digits.append(byte)
            }
            index += 1
        }
        var place = (pointPosition ?? digits.count) + exponent
        while let first = digits.first, first == UInt8(ascii: "0") {
            digits.removeFirst()
            place -= 1
        }
        while let last = digits.last, last == UInt8(ascii: "0") { digits.removeLast() }
        return (digits, place)
    }

    /// A port of `io_lib_format:insert_decimal/3`.
    private static func insertDecimal(place: Int, digits: [UInt8]) -> String {
        let count = digits.count
        let digitText = String(decoding: digits, as: UTF8.self)
        if place == 0 { return "0." + digitText }
        if place > 0 && place < count {
            return String(decoding: digits[..<place], as: UTF8.self) + "."
                + String(decoding: digits[place...], as: UTF8.self)
        }
        let exponentText = String(place - 1)
        let exponentDot = count == 1 ? 2 : 1
        let exponentCost = exponentText.utf8.count + 1 + exponentDot
        if place < 0 {
            if 2 - place <= exponentCost {
                return "0." + String(repeating: "0", count: -place) + digitText
            }
        } else if place - count + 2 <= exponentCost {
            return digitText + String(repeating: "0", count: place - count) + ".0"
        }
        let first = String(decoding: digits[..<1], as: UTF8.self)
        let rest = count == 1 ? "0" : String(decoding: digits[1...], as: UTF8.self)
        return first + "." + rest + "e" + exponentText
    }
}
