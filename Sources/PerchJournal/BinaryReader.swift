/// Reads what `BinaryWriter` wrote, checking every length against the bytes that remain, so that
/// corrupt input throws instead of trapping or allocating more than the input could describe.
/// Only valid inside the `withUnsafeBytes` call that produced its buffer.
struct BinaryReader {
    private let bytes: UnsafeRawBufferPointer
    private(set) var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    var remaining: Int { bytes.count - offset }

    mutating func readByte() throws(JournalError) -> UInt8 {
        guard remaining >= 1 else { throw .malformed("truncated") }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func readBool() throws(JournalError) -> Bool {
        switch try readByte() {
        case 0: return false
        case 1: return true
        default: throw .malformed("bad boolean")
        }
    }

    mutating func read<T: FixedWidthInteger>(_: T.Type) throws(JournalError) -> T {
        let size = MemoryLayout<T>.size
        guard remaining >= size else { throw .malformed("truncated") }
        defer { offset += size }
        return T(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
    }

    mutating func readVarint() throws(JournalError) -> UInt32 {
        var value: UInt32 = 0
        var shift: UInt32 = 0
        while true {
            let byte = try readByte()
            guard shift < 28 || (shift == 28 && byte & 0xF0 == 0) else { throw .malformed("varint overflow") }
            value |= UInt32(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
    }

    /// A count of items each at least `minimumItemBytes` long, checked against what remains.
    mutating func readCount(minimumItemBytes: Int) throws(JournalError) -> Int {
        let count = Int(try readVarint())
        guard count <= remaining / max(minimumItemBytes, 1) else { throw .malformed("count exceeds input") }
        return count
    }

    mutating func readString() throws(JournalError) -> String {
        let length = Int(try readVarint())
        guard length <= remaining else { throw .malformed("string exceeds input") }
        let start = offset
        offset += length
        let utf8 = UnsafeRawBufferPointer(rebasing: bytes[start..<start + length])
        guard let text = String(validating: utf8, as: UTF8.self) else { throw .malformed("invalid UTF-8") }
        return text
    }
}
