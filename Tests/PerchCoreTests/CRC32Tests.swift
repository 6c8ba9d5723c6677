import PerchCore
import Testing

@Suite("CRC-32")
struct CRC32Tests {
    /// The textbook byte-at-a-time CRC-32 (reflected, polynomial 0xEDB88320), bit by bit: the
    /// oracle the table-driven one must agree with.
    static func bitwise(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    @Test("the standard check values")
    func knownValues() {
        #expect(CRC32.checksum([]) == 0)
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum(Array("The quick brown fox jumps over the lazy dog".utf8)) == 0x414F_A339)
    }

    @Test("every length and alignment, whole or fed in pieces, agrees with the bitwise CRC")
    func agreesWithBitwise() {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<300).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        for start in 0..<9 {
            for end in stride(from: start, through: bytes.count, by: 7) {
                let slice = Array(bytes[start..<end])
                #expect(CRC32.checksum(slice) == Self.bitwise(slice))
                let cut = slice.count / 3
                var crc = CRC32()
                bytes.withUnsafeBytes { all in
                    crc.update(UnsafeRawBufferPointer(rebasing: all[start..<start + cut]))
                    crc.update(UnsafeRawBufferPointer(rebasing: all[start + cut..<end]))
                }
                #expect(crc.value == Self.bitwise(slice))
            }
        }
    }
}
