/// Reads the values `SnapshotWriter` wrote from a snapshot's bytes, checking each length against
/// what is left: a short or garbled file throws `ColumnSnapshot.Rejection.malformed` instead of
/// reading past its end.
struct SnapshotReader {
    private let bytes: UnsafeRawBufferPointer
    private(set) var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func int64() throws(ColumnSnapshot.Rejection) -> Int64 {
        Int64(littleEndian: try fixed(Int64.self))
    }

    mutating func uint64() throws(ColumnSnapshot.Rejection) -> UInt64 {
        UInt64(littleEndian: try fixed(UInt64.self))
    }

    mutating func array<Element: FixedWidthInteger>(
        _: Element.Type = Element.self
    ) throws(ColumnSnapshot.Rejection) -> [Element] {
        let count = try self.count(width: MemoryLayout<Element>.size)
        let start = offset
        offset += count * MemoryLayout<Element>.size
        return [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count > 0 {
                UnsafeMutableRawBufferPointer(buffer).copyMemory(
                    from: UnsafeRawBufferPointer(rebasing: bytes[start..<start + count * MemoryLayout<Element>.size]))
            }
            initialized = count
        }
    }

    mutating func texts() throws(ColumnSnapshot.Rejection) -> [String] {
        let lengths = try array(UInt32.self)
        var texts: [String] = []
        texts.reserveCapacity(lengths.count)
        for length in lengths {
            let length = Int(length)
            guard length <= bytes.count - offset else { throw .malformed("a text runs past the end") }
            texts.append(
                String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length]), as: UTF8.self))
            offset += length
        }
        return texts
    }

    mutating func text() throws(ColumnSnapshot.Rejection) -> String {
        let texts = try texts()
        guard texts.count == 1 else { throw .malformed("expected one text") }
        return texts[0]
    }

    /// An array's count, checked against the bytes left.
    private mutating func count(width: Int) throws(ColumnSnapshot.Rejection) -> Int {
        let count = try int64()
        guard count >= 0, count <= Int64((bytes.count - offset) / max(width, 1)) else {
            throw .malformed("an array runs past the end")
        }
        return Int(count)
    }

    private mutating func fixed<T: FixedWidthInteger>(_: T.Type) throws(ColumnSnapshot.Rejection) -> T {
        guard bytes.count - offset >= MemoryLayout<T>.size else { throw .malformed("the file ends early") }
        defer { offset += MemoryLayout<T>.size }
        return bytes.loadUnaligned(fromByteOffset: offset, as: T.self)
    }
}
