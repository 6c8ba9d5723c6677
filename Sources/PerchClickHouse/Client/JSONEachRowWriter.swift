/// Builds an INSERT body in ClickHouse's JSONEachRow format: one JSON object per line. Values
/// go in as ClickHouse 18.16 accepts them: DateTime as Unix seconds, decimals as bare numbers.
package struct JSONEachRowWriter: Sendable {
    package private(set) var bytes: [UInt8] = []
    package private(set) var rowCount = 0
    private var fieldsInRow = 0

    package init(reservingCapacity capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    package mutating func beginRow() {
        bytes.append(UInt8(ascii: "{"))
        fieldsInRow = 0
    }

    package mutating func endRow() {
        bytes.append(UInt8(ascii: "}"))
        bytes.append(UInt8(ascii: "\n"))
        rowCount += 1
    }

    package mutating func field(_ name: String, _ value: String) {
        key(name)
        quoted(value)
    }

    package mutating func field(_ name: String, _ value: some BinaryInteger) {
        key(name)
        bytes.append(contentsOf: String(value).utf8)
    }

    /// 1 or 0, as a UInt8 column holds a flag.
    package mutating func field(_ name: String, _ value: Bool) {
        key(name)
        bytes.append(value ? UInt8(ascii: "1") : UInt8(ascii: "0"))
    }

    package mutating func field(_ name: String, strings values: [String]) {
        key(name)
        bytes.append(UInt8(ascii: "["))
        for (offset, value) in values.enumerated() {
            if offset > 0 { bytes.append(UInt8(ascii: ",")) }
            quoted(value)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// An integer, or null (a `Nullable` column).
    package mutating func field(_ name: String, nullable value: Int64?) {
        key(name)
        bytes.append(contentsOf: (value.map { String($0) } ?? "null").utf8)
    }

    /// A string, or null (a `Nullable` column).
    package mutating func field(_ name: String, nullable value: String?) {
        key(name)
        if let value { quoted(value) } else { bytes.append(contentsOf: "null".utf8) }
    }

    /// A number given as its decimal text (`"12.345"`), or null.
    package mutating func field(_ name: String, decimalText: String?) {
        key(name)
        bytes.append(contentsOf: (decimalText ?? "null").utf8)
    }

    /// Column names are the code's own: written as they are, without escaping.
    private mutating func key(_ name: String) {
        if fieldsInRow > 0 { bytes.append(UInt8(ascii: ",")) }
        fieldsInRow += 1
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: name.utf8)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    private mutating func quoted(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { text in
            // Most values need no escape: copy them whole.
            guard text.contains(where: Self.needsEscape) else {
                bytes.append(contentsOf: text)
                return
            }
            for byte in text {
                if !Self.needsEscape(byte) {
                    bytes.append(byte)
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                    bytes.append(UInt8(ascii: "\\"))
                    bytes.append(byte)
                } else {
                    bytes.append(contentsOf: [
                        UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                    ])
                    bytes.append(Self.hexDigit(byte >> 4))
                    bytes.append(Self.hexDigit(byte & 0xF))
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}
