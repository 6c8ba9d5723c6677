import Foundation

/// Held columns saved to files at shutdown and read back at start (`ColumnSnapshot`), so the
/// first dashboard after a restart is answered from columns in well under a second instead of
/// waiting seconds for a load from SQLite.
///
/// A snapshot is used only when the database is exactly as its columns saw it (see
/// `DatabaseOpening`): stamped with the epoch stored when its columns were read, which no process
/// may have replaced since by opening the database (a CLI command run while the server did, and
/// that wrote nothing, is fine), at the event number found at this open, under the same
/// migrations. Anything else (another process opened the
/// database, events were written after it, a damaged, truncated or older file) leaves it unused
/// and removed, and the site loads from SQLite as before. A restored site's columns then follow
/// this process's commits like loaded ones (`ColumnarCache.change`).
extension SQLiteStore {
    /// What became of one snapshot file (for the server's log).
    package struct ColumnSnapshotReport: Sendable {
        package var siteID: Int64
        package var events: Int
        package var bytes: Int
        /// Nil when the snapshot was written or used.
        package var rejection: String?
        package var duration: Duration
    }

    /// Brings the held sites' columns up to date with the commits so far (as a query would),
    /// then writes them to `directory` (created if needed), one file per site. Called when the
    /// server has stopped, after the writer's last commit, so the files match the database.
    @discardableResult
    package func saveColumnSnapshots(in directory: String) async -> [ColumnSnapshotReport] {
        let cache = database.columns
        guard cache.isEnabled else { return [] }
        let opening = database.opening
        let clock = ContinuousClock()
        var reports: [ColumnSnapshotReport] = []
        for site in cache.heldSites {
            guard let box = cache.box(of: site) else { continue }
            let started = clock.now
            var report = ColumnSnapshotReport(siteID: site, events: 0, bytes: 0, rejection: nil, duration: .zero)
            do {
                // One read transaction: the columns are brought to its event number, and the
                // epoch stored then is the one a later open must still find.
                let (columns, epoch) = try await writer.read { db in
                    let columns = try box.withColumns { columns -> SiteColumns in
                        try Self.bringUpToDate(&columns, cache: cache, db)
                        return columns
                    }
                    return (columns, try DatabaseOpening.storedEpoch(db))
                }
                cache.noteRefreshed(box, sequence: columns.sequence, bytes: columns.byteSize)
                report.events = columns.events.count
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                report.bytes = try ColumnSnapshot.write(
                    columns, epoch: epoch, schema: opening.schema,
                    to: ColumnSnapshot.path(of: site, in: directory))
            } catch {
                report.rejection = "not written: \(error)"
            }
            report.duration = clock.now - started
            reports.append(report)
        }
        return reports
    }

    /// Reads the snapshots in `directory` into the cache when they hold what the database holds;
    /// removes the files that do not (they can never be used again: this open changed the epoch).
    package func restoreColumnSnapshots(from directory: String) async -> [ColumnSnapshotReport] {
        let cache = database.columns
        guard cache.isEnabled, let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            return []
        }
        let clock = ContinuousClock()
        var reports: [ColumnSnapshotReport] = []
        for name in names.sorted() where name.hasSuffix(".snap") {
            guard let site = Int64(name.dropLast(".snap".count)) else { continue }
            let path = ColumnSnapshot.path(of: site, in: directory)
            let started = clock.now
            var report = ColumnSnapshotReport(siteID: site, events: 0, bytes: 0, rejection: nil, duration: .zero)
            do throws(ColumnSnapshot.Rejection) {
                let columns = try restoredColumns(site, path: path)
                report.events = columns.events.count
                report.bytes = columns.byteSize
                if !cache.store(columns) { report.rejection = "larger than the cache" }
            } catch {
                report.rejection = error.description
                try? FileManager.default.removeItem(atPath: path)
            }
            report.duration = clock.now - started
            reports.append(report)
        }
        return reports
    }

    /// The site's columns from the snapshot at `path`, if it describes the database as opened.
    func restoredColumns(_ siteID: Int64, path: String) throws(ColumnSnapshot.Rejection) -> SiteColumns {
        let (columns, stamp) = try ColumnSnapshot.read(path)
        let opening = database.opening
        guard columns.siteID == siteID else { throw .malformed("holds site \(columns.siteID)") }
        guard stamp.schema == opening.schema else { throw .stale("written under other migrations") }
        guard stamp.epoch == opening.previousEpoch else {
            throw .stale("the database was opened by another process since")
        }
        guard stamp.sequence == opening.sequence else {
            throw .stale("written at event \(stamp.sequence), the database is at \(opening.sequence)")
        }
        return columns
    }
}
