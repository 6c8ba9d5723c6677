import Foundation
import PerchCore
import PerchEnrich

#if canImport(Glibc)
    import Glibc
#endif

/// `DATA_DIR/datasets/`: one file per kind (`kind.fileName`) and its manifest `<file>.meta`.
/// Installs are atomic: the new file is written beside the old one, fsync'd, verified by loading
/// it, renamed over it and the folder fsync'd, so a running server (which polls the file) sees
/// either the old file or the whole new one, and a refused file leaves the old one in place.
struct DatasetDirectory: Sendable {
    let path: String
    let catalog: DatasetCatalog
    let clock: any WallClock

    init(dataDirectory: String, catalog: DatasetCatalog, clock: any WallClock = SystemWallClock()) {
        path = dataDirectory + "/datasets"
        self.catalog = catalog
        self.clock = clock
    }

    func filePath(_ kind: DatasetKind) -> String { path + "/" + kind.fileName }
    func manifestPath(_ kind: DatasetKind) -> String { filePath(kind) + ".meta" }

    /// The manifest of the installed file, nil if there is no file or no readable manifest.
    func manifest(_ kind: DatasetKind) -> DatasetManifest? {
        guard let bytes = try? DatasetFile.read(manifestPath(kind), limit: 1 << 20) else { return nil }
        return DatasetManifest.decode(bytes)
    }

    func isInstalled(_ kind: DatasetKind) -> Bool {
        DatasetFile.identity(of: filePath(kind)) != nil
    }

    /// Verifies `contents` as `kind` and swaps it in; throws (leaving the old file) when refused.
    @discardableResult
    func install(
        _ kind: DatasetKind,
        contents: [UInt8],
        origin: String,
        upstreamDate: String?
    ) throws(DatasetError) -> DatasetManifest {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw DatasetError("cannot create \(path): \(error.localizedDescription)")
        }
        let temporary = try writeTemporary(contents, for: kind.fileName)
        let entries: Int
        do {
            entries = try catalog.verify(kind, path: temporary)
        } catch {
            unlink(temporary)
            let reason = error.message.replacingOccurrences(of: temporary, with: "the new file")
            throw DatasetError("refused \(kind.rawValue): \(reason)")
        }
        try moveIntoPlace(temporary, filePath(kind))
        let manifest = DatasetManifest(
            origin: origin,
            installedAt: ISO8601UTC.text(unixSeconds: clock.nowSeconds()),
            upstreamDate: upstreamDate,
            entries: entries,
            bytes: contents.count,
            sha256: SHA256.hex(contents)
        )
        let manifestFile = try writeTemporary(manifest.encoded(), for: kind.fileName + ".meta")
        try moveIntoPlace(manifestFile, manifestPath(kind))
        return manifest
    }

    /// Writes and fsyncs a uniquely named hidden file in the datasets folder (same file system, so
    /// the rename is atomic).
    private func writeTemporary(_ bytes: [UInt8], for name: String) throws(DatasetError) -> String {
        let temporary = "\(path)/.\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Self.failure("cannot create", temporary) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else {
                let error = Self.failure("cannot write", temporary)
                close(descriptor)
                unlink(temporary)
                throw error
            }
            offset += written
        }
        guard fsync(descriptor) == 0 else {
            let error = Self.failure("cannot fsync", temporary)
            close(descriptor)
            unlink(temporary)
            throw error
        }
        close(descriptor)
        return temporary
    }

    private func moveIntoPlace(_ temporary: String, _ destination: String) throws(DatasetError) {
        guard rename(temporary, destination) == 0 else {
            let error = Self.failure("cannot rename into", destination)
            unlink(temporary)
            throw error
        }
        // The rename is durable only once the folder entry is.
        if let failed = DirectorySync.sync(path) { throw Self.failure("cannot \(failed.rawValue)", path) }
    }

    private static func failure(_ what: String, _ path: String) -> DatasetError {
        DatasetError("\(what) \(path): \(String(cString: strerror(errno)))")
    }
}
