import Foundation
import PerchCore

/// A site's columns (`SiteColumns`) saved to a file, so a restarted server reads them back in a
/// fraction of the time a load from SQLite takes (`SQLiteStore.restoreColumnSnapshots`).
///
/// Layout, little-endian: the magic `PRCHCOLS` and the format version (8 bytes each); the payload
/// (site id, `from`, `sequence`, the database epoch and schema they were read under, the column
/// layout, then the columns as `SiteColumns.write` writes them: each array its count and raw
/// elements); a trailer with the payload's length and checksum (`SnapshotChecksum`). The arrays
/// are the held ones byte for byte: about 44 bytes per event and 140 per session, plus the texts
/// and number tables; the file is about as large as the columns' `byteSize`.
enum ColumnSnapshot {
    /// Moves on every change to what the payload holds or how.
    static let formatVersion: Int64 = 1
    static let magic = UInt64(littleEndian: 0x534C_4F43_4843_5250)  // "PRCHCOLS"
    static let headerBytes = 16
    static let trailerBytes = 16

    /// Why a snapshot file is not used.
    enum Rejection: Error, Equatable, CustomStringConvertible {
        case unreadable(String)
        case foreignFormat
        case otherVersion(Int64)
        case checksumMismatch
        case malformed(String)
        /// A valid file that does not describe the database as it is now.
        case stale(String)

        var description: String {
            switch self {
            case .unreadable(let reason): "unreadable: \(reason)"
            case .foreignFormat: "not a column snapshot"
            case .otherVersion(let version): "format version \(version), not \(ColumnSnapshot.formatVersion)"
            case .checksumMismatch: "checksum mismatch (truncated or damaged)"
            case .malformed(let reason): "malformed: \(reason)"
            case .stale(let reason): "stale: \(reason)"
            }
        }
    }

    /// What the columns were read from: the database's epoch (`DatabaseOpening`), the last event
    /// number they reflect, and the schema's migrations. A snapshot is used only when all three
    /// are the database's at the restoring process's open.
    struct Stamp: Equatable, Sendable {
        var epoch: Int64
        var sequence: Int64
        var schema: String
    }

    /// The column lists the arrays follow: a build holding other columns reads no older file.
    static let layout = [
        EventColumns.selectList, SessionColumns.selectList, VisitTuples.columns.joined(separator: ","),
    ]
    .joined(separator: "|")

    /// Writes `columns` to `path` through a temporary file, flushed to the disk (fsync) then
    /// renamed over it, so a reader never sees a partial file under the name, even after a crash
    /// of the machine; the folder is synced after the rename, so the new name survives one too.
    /// Returns the file's size.
    @discardableResult
    static func write(_ columns: SiteColumns, epoch: Int64, schema: String, to path: String) throws -> Int {
        // Named after the process: two servers on one data dir do not write into one file.
        let temporary = path + ".\(ProcessInfo.processInfo.processIdentifier).partial"
        guard FileManager.default.createFile(atPath: temporary, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary])
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
        do {
            try handle.write(contentsOf: withUnsafeBytes(of: magic.littleEndian) { Data($0) })
            try handle.write(contentsOf: withUnsafeBytes(of: formatVersion.littleEndian) { Data($0) })
            var writer = SnapshotWriter(handle)
            try writer.int64(columns.siteID)
            try writer.int64(columns.from)
            try writer.int64(columns.sequence)
            try writer.int64(epoch)
            try writer.text(schema)
            try writer.text(layout)
            try columns.write(to: &writer)
            try writer.flush()
            var trailer = Data()
            withUnsafeBytes(of: UInt64(writer.bytesWritten).littleEndian) { trailer.append(contentsOf: $0) }
            withUnsafeBytes(of: writer.checksum.final.littleEndian) { trailer.append(contentsOf: $0) }
            try handle.write(contentsOf: trailer)
            try handle.synchronize()
            try handle.close()
            guard rename(temporary, path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
            try syncDirectory(of: path)
            return headerBytes + writer.bytesWritten + trailerBytes
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }

    /// The columns in the file at `path` and what they were read from, after checking its
    /// format, version, length, checksum and every index in it.
    static func read(_ path: String) throws(Rejection) -> (columns: SiteColumns, stamp: Stamp) {
        try withMappedFile(path) { bytes throws(Rejection) in try read(bytes) }
    }

    /// Runs `body` on the bytes of the file at `path`, mapped into memory.
    static func withMappedFile<Value>(
        _ path: String, _ body: (UnsafeRawBufferPointer) throws(Rejection) -> Value
    ) throws(Rejection) -> Value {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw .unreadable(String(describing: error))
        }
        var outcome: Result<Value, Rejection> = .failure(.foreignFormat)
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            do throws(Rejection) {
                outcome = .success(try body(bytes))
            } catch {
                outcome = .failure(error)
            }
        }
        return try outcome.get()
    }

    static func read(_ bytes: UnsafeRawBufferPointer) throws(Rejection) -> (columns: SiteColumns, stamp: Stamp) {
        let payload = try verifiedPayload(bytes)
        var reader = SnapshotReader(payload)
        let siteID = try reader.int64()
        let from = try reader.int64()
        let sequence = try reader.int64()
        let epoch = try reader.int64()
        let schema = try reader.text()
        guard try reader.text() == layout else { throw .otherVersion(formatVersion) }
        let columns = try SiteColumns(reading: &reader, siteID: siteID, from: from, sequence: sequence)
        guard reader.isAtEnd else { throw .malformed("bytes after the columns") }
        return (columns, Stamp(epoch: epoch, sequence: sequence, schema: schema))
    }

    /// The payload of a whole snapshot file (between its header and trailer), after checking its
    /// magic, format version, length and checksum.
    static func verifiedPayload(_ bytes: UnsafeRawBufferPointer) throws(Rejection) -> UnsafeRawBufferPointer {
        guard bytes.count >= headerBytes + trailerBytes,
            UInt64(littleEndian: bytes.loadUnaligned(as: UInt64.self)) == magic
        else { throw .foreignFormat }
        let version = Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: 8, as: Int64.self))
        guard version == formatVersion else { throw .otherVersion(version) }
        let payloadBytes = bytes.count - headerBytes - trailerBytes
        let length = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: bytes.count - 16, as: UInt64.self))
        let checksum = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self))
        guard length == UInt64(payloadBytes) else { throw .checksumMismatch }
        let payload = UnsafeRawBufferPointer(rebasing: bytes[headerBytes..<headerBytes + payloadBytes])
        var sum = SnapshotChecksum()
        sum.add(payload)
        guard sum.final == checksum else { throw .checksumMismatch }
        return payload
    }

    /// Makes the entries of the folder holding `path` durable (a rename is a change to the folder).
    private static func syncDirectory(of path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        if DirectorySync.sync(folder.isEmpty ? "." : folder) != nil {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: folder])
        }
    }

    /// The file of a site's snapshot in `directory`.
    static func path(of siteID: Int64, in directory: String) -> String {
        directory + "/\(siteID).snap"
    }
}
