import Foundation

extension ColumnSnapshot {
    /// Where the epoch is in a file: after the header, the site id, `from` and `sequence`.
    static let epochOffset = headerBytes + 24

    /// Re-stamps the file at `path`, read at start as `stamp` and used, with `epoch`, the epoch
    /// this process's open stored: its columns still hold what the database held at the file's
    /// event number, and no process opened the database between that open and this one; the
    /// next start, if no process opens the database before it, catches the file up from the
    /// stored commit log as this one did. Without this, a crash before the first periodic save
    /// after a start would find only files stamped with an epoch the start replaced.
    ///
    /// The epoch and the checksum are written in place, then synced. A crash between the two
    /// writes leaves a file whose checksum does not match, which the next start does not use.
    /// Throws when the file is not, byte for byte, the one described by `stamp`.
    static func restamp(_ path: String, from stamp: Stamp, to epoch: Int64) throws(Rejection) {
        let (checksum, size) = try withMappedFile(path) { bytes throws(Rejection) in
            (try restampedChecksum(bytes, from: stamp, to: epoch), bytes.count)
        }
        let descriptor = open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable("cannot open \(path) to re-stamp it") }
        defer { close(descriptor) }
        let written =
            write(epoch.littleEndian, at: epochOffset, to: descriptor)
            && write(checksum.littleEndian, at: size - 8, to: descriptor)
        guard written, fsync(descriptor) == 0 else { throw .unreadable("cannot re-stamp \(path)") }
    }

    /// The checksum of the file in `bytes` with its epoch replaced by `epoch`, after checking that
    /// the file is whole (`verifiedPayload`) and stamped as `stamp`.
    static func restampedChecksum(
        _ bytes: UnsafeRawBufferPointer, from stamp: Stamp, to epoch: Int64
    ) throws(Rejection) -> UInt64 {
        let payload = try verifiedPayload(bytes)
        guard payload.count >= 32 else { throw .malformed("no stamp") }
        let sequence = Int64(littleEndian: payload.loadUnaligned(fromByteOffset: 16, as: Int64.self))
        let stored = Int64(littleEndian: payload.loadUnaligned(fromByteOffset: 24, as: Int64.self))
        guard sequence == stamp.sequence, stored == stamp.epoch else {
            throw .stale("changed since it was read")
        }
        let beforeEpoch = UnsafeRawBufferPointer(rebasing: payload[..<24])
        let afterEpoch = UnsafeRawBufferPointer(rebasing: payload[32...])
        var new = SnapshotChecksum()
        new.add(beforeEpoch)
        withUnsafeBytes(of: epoch.littleEndian) { new.add($0) }
        new.add(afterEpoch)
        return new.final
    }

    private static func write<Value: FixedWidthInteger>(_ value: Value, at offset: Int, to descriptor: Int32) -> Bool {
        withUnsafeBytes(of: value) { bytes in
            pwrite(descriptor, bytes.baseAddress, bytes.count, off_t(offset)) == bytes.count
        }
    }
}
