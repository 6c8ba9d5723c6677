import PerchCore

/// Record framing inside a segment file:
/// `[payload length u32][CRC-32 of sequence+payload u32][sequence u64][payload]`, little-endian.
enum JournalFrame {
    static let headerBytes = 16
    /// Far above any real entry; a larger length can only be corruption.
    static let maxPayloadBytes = 16 << 20

    static func append(sequence: UInt64, payload: [UInt8], to buffer: inout [UInt8]) {
        let crc = payload.withUnsafeBytes { CRC32.record(sequence: sequence, payload: $0) }
        withUnsafeBytes(of: UInt32(payload.count).littleEndian) { buffer.append(contentsOf: $0) }
        withUnsafeBytes(of: crc.littleEndian) { buffer.append(contentsOf: $0) }
        withUnsafeBytes(of: sequence.littleEndian) { buffer.append(contentsOf: $0) }
        buffer.append(contentsOf: payload)
    }

    /// One intact record found by `scan`.
    struct Record {
        var sequence: UInt64
        var payload: Range<Int>
    }

    /// The intact prefix of a segment and why the scan stopped early, if it did.
    struct Scan {
        var records: [Record] = []
        /// Bytes up to the end of the last intact record.
        var validLength = 0
        var damage: String?
    }

    /// Reads records until the end of the input, zeros to the end of the input (a segment's room
    /// for more), or the first torn or corrupt record. Sequences must
    /// increase and exceed `after`: a record that breaks the order is treated as corrupt.
    static func scan(_ bytes: UnsafeRawBufferPointer, after: UInt64) -> Scan {
        var scan = Scan()
        var offset = 0
        var previous = after
        while offset < bytes.count {
            // Zeros to the end: room the flusher wrote ahead of its records, not damage. No
            // record starts with zeros (sequences start at 1).
            if isZero(UnsafeRawBufferPointer(rebasing: bytes[offset...])) { break }
            let remaining = bytes.count - offset
            guard remaining >= headerBytes else {
                scan.damage = "torn header"
                break
            }
            let length = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
            let crc = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self))
            let sequence = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
            guard length <= maxPayloadBytes, length <= remaining - headerBytes else {
                scan.damage = "torn payload"
                break
            }
            let payload = offset + headerBytes..<offset + headerBytes + length
            let actual = CRC32.record(sequence: sequence, payload: UnsafeRawBufferPointer(rebasing: bytes[payload]))
            guard actual == crc else {
                scan.damage = "checksum mismatch"
                break
            }
            guard sequence > previous else {
                scan.damage = "sequence out of order"
                break
            }
            previous = sequence
            scan.records.append(Record(sequence: sequence, payload: payload))
            offset = payload.upperBound
            scan.validLength = offset
        }
        return scan
    }

    private static func isZero(_ bytes: UnsafeRawBufferPointer) -> Bool {
        // The first word decides at once for a record; only real zeros are read to the end.
        var words = bytes.count / 8
        var offset = 0
        while words > 0 {
            guard bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self) == 0 else { return false }
            offset += 8
            words -= 1
        }
        return bytes[offset...].allSatisfy { $0 == 0 }
    }
}
