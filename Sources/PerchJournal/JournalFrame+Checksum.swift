import PerchCore

extension CRC32 {
    /// The checksum of a journal record: its sequence (8 bytes, little-endian) followed by its
    /// payload.
    static func record(sequence: UInt64, payload: UnsafeRawBufferPointer) -> UInt32 {
        var crc = CRC32()
        withUnsafeBytes(of: sequence.littleEndian) { crc.update($0) }
        crc.update(payload)
        return crc.value
    }
}
