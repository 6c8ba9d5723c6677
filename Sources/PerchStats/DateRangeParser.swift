/// Reads the `date_range` forms of spec §14.2.
enum DateRangeParser {
    static func parse(_ value: JSONValue) throws(QueryError) -> DateRangeInput {
        let invalid = QueryError("#/date_range: Invalid date range \(value.inspected)")
        switch value {
        case .string(let text):
            switch text {
            case "day": return .day
            case "month": return .month
            case "year": return .year
            case "all": return .all
            default: break
            }
            if text.hasSuffix("mo"), let count = number(text.dropLast(2)), (1...100).contains(count) {
                return .months(count)
            }
            if text.hasSuffix("d"), let count = number(text.dropLast()), (1...5000).contains(count) {
                return .days(count)
            }
            throw invalid
        case .array(let items):
            guard items.count == 2, case .string(let first) = items[0], case .string(let last) = items[1] else {
                throw invalid
            }
            let badRange = QueryError("Invalid date_range '\(value.inspected)'.")
            if looksLikeDate(first), looksLikeDate(last) {
                guard let from = CivilDate(iso: first), let to = CivilDate(iso: last), from <= to else {
                    throw badRange
                }
                return .dates(from, to)
            }
            guard let from = ISODateTime.parse(first), let to = ISODateTime.parse(last) else {
                // Shaped like neither a date nor a datetime: the schema's pattern refuses it.
                if ISODateTime.looksLikeDateTime(first), ISODateTime.looksLikeDateTime(last) { throw badRange }
                throw invalid
            }
            guard from <= to else { throw badRange }
            return .datetimes(from: from, to: to)
        default:
            throw invalid
        }
    }

    private static func number(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }), text.count <= 6 else { return nil }
        return Int(text)
    }

    private static func looksLikeDate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.count == 10 && bytes[4] == UInt8(ascii: "-") && bytes[7] == UInt8(ascii: "-")
    }
}

/// ISO-8601 datetimes with an offset (`2024-01-01T10:00:00+02:00`, `…Z`, optional fraction),
/// as instants in unix seconds.
enum ISODateTime {
    static func looksLikeDateTime(_ text: String) -> Bool {
        text.utf8.count >= 20 && CivilDate(iso: text.prefix(10)) != nil && text.dropFirst(10).first == "T"
    }

    static func parse(_ text: String) -> Int64? {
        guard let date = CivilDate(iso: text.prefix(10)) else { return nil }
        var rest = Array(text.utf8.dropFirst(10))
        guard rest.count >= 9, rest[0] == UInt8(ascii: "T") || rest[0] == UInt8(ascii: " "), rest[3] == 0x3A,
            rest[6] == 0x3A, let hour = digits(rest[1...2]), let minute = digits(rest[4...5]),
            let second = digits(rest[7...8]), hour < 24, minute < 60, second < 60
        else { return nil }
        rest.removeFirst(9)
        if rest.first == UInt8(ascii: ".") {
            rest.removeFirst()
            let count = rest.prefix { (0x30...0x39).contains($0) }.count
            guard count > 0 else { return nil }
            rest.removeFirst(count)
        }
        let offset: Int
        if rest == [UInt8(ascii: "Z")] {
            offset = 0
        } else {
            guard rest.count == 6, rest[0] == UInt8(ascii: "+") || rest[0] == UInt8(ascii: "-"), rest[3] == 0x3A,
                let hours = digits(rest[1...2]), let minutes = digits(rest[4...5]), hours < 24, minutes < 60
            else { return nil }
            offset = (rest[0] == UInt8(ascii: "-") ? -1 : 1) * (hours * 3600 + minutes * 60)
        }
        let local = Int64(date.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return local - Int64(offset)
    }

    private static func digits(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in bytes {
            guard (0x30...0x39).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }
}
