/// Gzip data made of stored (uncompressed) deflate blocks: a valid stream any inflater reads,
/// written here so the tests do not need a compressor.
enum StoredGzip {
    static func wrap(_ payload: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]
        var offset = 0
        repeat {
            let count = min(65_535, payload.count - offset)
            let isLast = offset + count == payload.count
            out.append(isLast ? 1 : 0)
            out += [UInt8(count & 0xff), UInt8(count >> 8), UInt8(~count & 0xff), UInt8((~count >> 8) & 0xff)]
            out += payload[offset..<offset + count]
            offset += count
        } while offset < payload.count
        out += littleEndian(crc32(payload)) + littleEndian(UInt32(truncatingIfNeeded: payload.count))
        return out
    }

    private static func littleEndian(_ value: UInt32) -> [UInt8] {
        (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }

    private static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xffff_ffff
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xedb8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
