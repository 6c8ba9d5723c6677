/// Reads the JSON ClickHouse writes (`FORMAT JSONCompact` and friends) into `ClickHouseValue`s.
/// Strict enough to notice a cut-off answer; bounded nesting; invalid UTF-8 in strings is
/// repaired (ClickHouse passes a String column's bytes through as they are).
package struct ClickHouseJSONReader {
    private let bytes: [UInt8]
    private var index = 0
    private static let maxDepth = 32

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    package static func parse(_ bytes: [UInt8]) throws(ClickHouseError) -> ClickHouseValue {
        var reader = ClickHouseJSONReader(bytes: bytes)
        reader.skipWhitespace()
        let value = try reader.value(depth: 0)
        reader.skipWhitespace()
        guard reader.index == bytes.count else { throw reader.failure("trailing bytes") }
        return value
    }

    private mutating func value(depth: Int) throws(ClickHouseError) -> ClickHouseValue {
        guard depth < Self.maxDepth else { throw failure("nested too deeply") }
        guard index < bytes.count else { throw failure("unexpected end") }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            index += 1
            var members: [String: ClickHouseValue] = [:]
            skipWhitespace()
            if try consume(UInt8(ascii: "}")) { return .object(members) }
            repeat {
                skipWhitespace()
                let key = try string()
                skipWhitespace()
                guard try consume(UInt8(ascii: ":")) else { throw failure("expected :") }
                skipWhitespace()
                members[key] = try value(depth: depth + 1)
                skipWhitespace()
            } while try consume(UInt8(ascii: ","))
            guard try consume(UInt8(ascii: "}")) else { throw failure("expected }") }
            return .object(members)
        case UInt8(ascii: "["):
            index += 1
            var elements: [ClickHouseValue] = []
            skipWhitespace()
            if try consume(UInt8(ascii: "]")) { return .array(elements) }
            repeat {
                skipWhitespace()
                elements.append(try value(depth: depth + 1))
                skipWhitespace()
            } while try consume(UInt8(ascii: ","))
            guard try consume(UInt8(ascii: "]")) else { throw failure("expected ]") }
            return .array(elements)
        case UInt8(ascii: "\""):
            return .string(try string())
        case UInt8(ascii: "t"):
            try keyword("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try keyword("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try keyword("null")
            return .null
        default:
            return .number(try number())
        }
    }

    private mutating func consume(_ byte: UInt8) throws(ClickHouseError) -> Bool {
        guard index < bytes.count else { throw failure("unexpected end") }
        guard bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func keyword(_ word: StaticString) throws(ClickHouseError) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw failure("unexpected end") }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
            throw failure("unexpected literal")
        }
        index += count
    }

    private mutating func number() throws(ClickHouseError) -> String {
        let start = index
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
                UInt8(ascii: "e"), UInt8(ascii: "E"):
                index += 1
            default:
                guard index > start else { throw failure("unexpected byte") }
                return String(decoding: bytes[start..<index], as: UTF8.self)
            }
        }
        throw failure("unexpected end")
    }

    private mutating func string() throws(ClickHouseError) -> String {
        guard try consume(UInt8(ascii: "\"")) else { throw failure("expected a string") }
        var out: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try escape(into: &out)
            default:
                out.append(byte)
            }
        }
        throw failure("unexpected end")
    }

    private mutating func escape(into out: inout [UInt8]) throws(ClickHouseError) {
        guard index < bytes.count else { throw failure("unexpected end") }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4()
            // A high surrogate followed by an escaped low one is one character; a lone surrogate
            // becomes U+FFFD.
            if (0xD800..<0xDC00).contains(scalar), index + 6 <= bytes.count, bytes[index] == UInt8(ascii: "\\"),
                bytes[index + 1] == UInt8(ascii: "u")
            {
                let resume = index
                index += 2
                let low = try hex4()
                if (0xDC00..<0xE000).contains(low) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    index = resume
                }
            }
            out.append(contentsOf: Array(String(Unicode.Scalar(scalar) ?? "\u{FFFD}").utf8))
        default: out.append(byte)
        }
    }

    private mutating func hex4() throws(ClickHouseError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw failure("unexpected end") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            index += 1
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure("bad \\u escape")
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D else { return }
            index += 1
        }
    }

    private func failure(_ reason: String) -> ClickHouseError {
        .unexpectedResponse("JSON answer unreadable at byte \(index): \(reason)")
    }
}
