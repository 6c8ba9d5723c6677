import Foundation

/// Writes a column snapshot's values to a file as they are given, little-endian, each array as
/// its count then its elements' bytes, keeping the checksum of everything written.
struct SnapshotWriter {
    private let handle: FileHandle
    private(set) var checksum = SnapshotChecksum()
    private(set) var bytesWritten = 0
    /// Small values are gathered here and written in larger pieces.
    private var buffer: [UInt8] = []

    init(_ handle: FileHandle) {
        self.handle = handle
        buffer.reserveCapacity(1 << 16)
    }

    mutating func int64(_ value: Int64) throws {
        try withUnsafeBytes(of: value.littleEndian) { try raw($0) }
    }

    mutating func uint64(_ value: UInt64) throws {
        try withUnsafeBytes(of: value.littleEndian) { try raw($0) }
    }

    /// An array of fixed-width integers (this build is little-endian: see `ColumnSnapshot`).
    mutating func array<Element: FixedWidthInteger>(_ values: [Element]) throws {
        try int64(Int64(values.count))
        try values.withUnsafeBytes { try raw($0) }
    }

    /// Texts as their UTF-8 lengths, then their bytes.
    mutating func texts(_ texts: [String]) throws {
        try array(texts.map { UInt32($0.utf8.count) })
        for var text in texts { try text.withUTF8 { try raw(UnsafeRawBufferPointer($0)) } }
    }

    mutating func text(_ text: String) throws {
        try texts([text])
    }

    mutating func raw(_ bytes: UnsafeRawBufferPointer) throws {
        checksum.add(bytes)
        bytesWritten += bytes.count
        if bytes.count >= 1 << 15 {
            try flush()
            try handle.write(
                contentsOf: Data(
                    bytesNoCopy: UnsafeMutableRawPointer(mutating: bytes.baseAddress!), count: bytes.count,
                    deallocator: .none))
            return
        }
        buffer += bytes
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Writes what is gathered; also written before a large array and at the end.
    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
