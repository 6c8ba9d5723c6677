/// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320) as zlib computes it.
struct CRC32 {
    private static let table: [UInt32] = (0..<256).map { index in
        var crc = UInt32(index)
        for _ in 0..<8 {
            crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1
        }
        return crc
    }

    private var state: UInt32 = 0xFFFF_FFFF

    init() {}

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        var crc = state
        Self.table.withUnsafeBufferPointer { table in
            for byte in bytes {
                crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
            }
        }
        state = crc
    }

    var value: UInt32 { state ^ 0xFFFF_FFFF }

    /// The checksum of a record: its sequence (8 bytes, little-endian) followed by its payload.
    static func record(sequence: UInt64, payload: UnsafeRawBufferPointer) -> UInt32 {
        var crc = CRC32()
        withUnsafeBytes(of: sequence.littleEndian) { crc.update($0) }
        crc.update(payload)
        return crc.value
    }
}
