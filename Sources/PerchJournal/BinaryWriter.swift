import PerchCore

/// Appends little-endian integers and length-prefixed UTF-8 to a byte array.
struct BinaryWriter {
    private(set) var bytes: [UInt8]

    init(capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    mutating func write(_ value: UInt8) {
        bytes.append(value)
    }

    mutating func write(_ value: Bool) {
        bytes.append(value ? 1 : 0)
    }

    mutating func write<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Unsigned LEB128: lengths and counts are small, and most strings are empty.
    mutating func writeVarint(_ value: UInt32) {
        LEB128.append(UInt64(value), to: &bytes)
    }

    mutating func write(_ string: String) {
        var string = string
        string.withUTF8 { utf8 in
            writeVarint(UInt32(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }
}
