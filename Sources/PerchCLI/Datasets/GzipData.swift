import CompressNIO
import Hummingbird
import PerchCore
import PerchEnrich

/// Gzip-compressed data sets (DB-IP ships `.mmdb.gz`), recognised by their magic bytes.
enum GzipData {
    static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
    }

    /// The decompressed bytes. A corrupt or truncated stream is refused: besides zlib's own checks,
    /// the output must match the trailer's length and CRC-32, so a download cut short inside the
    /// last block cannot pass as a shorter file.
    static func gunzip(_ bytes: [UInt8], source: String, maxBytes: Int = 1 << 30) throws(DatasetError) -> [UInt8] {
        let refusal = DatasetError("\(source) is not valid gzip data (corrupt or truncated)")
        guard bytes.count >= 18 else { throw refusal }
        var buffer = ByteBuffer(bytes: bytes)
        let output: [UInt8]
        do {
            output = Array(buffer: try buffer.decompress(with: .gzip(), maxSize: maxBytes))
        } catch {
            throw refusal
        }
        let trailer = bytes.suffix(8).map(UInt32.init)
        let crc = trailer[0] | trailer[1] << 8 | trailer[2] << 16 | trailer[3] << 24
        let size = trailer[4] | trailer[5] << 8 | trailer[6] << 16 | trailer[7] << 24
        guard size == UInt32(truncatingIfNeeded: output.count), crc == CRC32.checksum(output) else { throw refusal }
        return output
    }
}
