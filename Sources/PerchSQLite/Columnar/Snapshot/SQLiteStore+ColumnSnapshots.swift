import Foundation
import PerchCore

/// Held columns saved to files while the server runs and when it stops, and read back at start
/// (`ColumnSnapshot`), so the first dashboard after a restart, or after a crash, is answered from
/// columns in well under a second instead of waiting seconds for a load from SQLite.
///
/// A snapshot is used only when nothing it does not know of can have changed the database since
/// (see `DatabaseOpening`): stamped with the epoch stored when its columns were read, which no
/// process may have replaced since by opening the database (a CLI command run while the server
/// did, and that wrote nothing, is fine), under the same migrations, at an event number the
/// database has reached. Commits after that number are taken in at restore from the stored
/// commit log (`StoredCommitLog`), as a query takes in the process's own commits. Anything else
/// (another process opened the database, the commits since are not all in the log, a snapshot
/// ahead of the database, a damaged, truncated or older file) leaves it unused and removed, and
/// the site loads from SQLite as before. A restored site's columns then follow this process's
/// commits like loaded ones (`ColumnarCache.change`), and its file is re-stamped with this open's
/// epoch (`ColumnSnapshot.restamp`), so a crash before the next save still finds it usable.
extension SQLiteStore {
    /// What became of one snapshot file (for the server's log).
    package struct ColumnSnapshotReport: Sendable {
        package var siteID: Int64
        package var events: Int
        package var bytes: Int
        /// The last event number the written columns reflect; for a used snapshot, its own.
        package var sequence: Int64 = 0
        /// Of a used snapshot: how many event numbers were taken in from the database after it.
        package var caughtUp: Int64 = 0
        /// Nil when the snapshot was written or used.
        package var rejection: String?
        /// Of a used snapshot: why it could not be re-stamped with this open's epoch
        /// (`ColumnSnapshot.restamp`), so that it was removed; nil when it was.
        package var restampFailure: String?
        package var duration: Duration
    }

    /// Brings the held sites' columns up to date with the commits so far (as a query would),
    /// then writes them to `directory` (created if needed), one file per site. Called when the
    /// server has stopped, after the writer's last commit, so the files match the database; and
    /// while it serves (`unchangedSince`: the event number of each site's last save, whose file
    /// is left as it is when no commit since changed the site).
    ///
    /// A site's lock is held while its columns are brought up to date, as for a query; the file
    /// is written from a copy, off the lock and off Swift's cooperative threads. A query that
    /// changes the columns meanwhile copies the arrays it changes once (copy on write).
    @discardableResult
    package func saveColumnSnapshots(
        in directory: String, unchangedSince saved: [Int64: Int64] = [:]
    ) async -> [ColumnSnapshotReport] {
        let cache = database.columns
        guard cache.isEnabled else { return [] }
        let opening = database.opening
        let clock = ContinuousClock()
        var reports: [ColumnSnapshotReport] = []
        for site in cache.heldSites {
            guard let box = cache.heldBox(of: site) else { continue }
            let started = clock.now
            var report = ColumnSnapshotReport(siteID: site, events: 0, bytes: 0, rejection: nil, duration: .zero)
            do {
                // One read transaction: the columns are brought to its event number, and the
                // epoch stored then is the one a later open must still find.
                let read = try await writer.read { db -> (columns: SiteColumns, epoch: Int64)? in
                    if let last = saved[site],
                        cache.change(to: site, after: last, through: try SiteColumns.currentSequence(db)) == .none
                    {
                        return nil
                    }
                    let columns = try box.withColumns { columns -> SiteColumns in
                        try Self.bringUpToDate(&columns, cache: cache, db)
                        return columns
                    }
                    return (columns, try DatabaseOpening.storedEpoch(db))
                }
                guard let read else { continue }
                let (columns, epoch) = read
                cache.noteRefreshed(box, sequence: columns.sequence, bytes: columns.byteSize)
                report.events = columns.events.count
                report.sequence = columns.sequence
                report.bytes = try await BlockingWork.run {
                    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                    return try ColumnSnapshot.write(
                        columns, epoch: epoch, schema: opening.schema, to: ColumnSnapshot.path(of: site, in: directory))
                }
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
                let (columns, snapshotSequence) = try await restoredColumns(site, path: path)
                report.events = columns.events.count
                report.sequence = snapshotSequence
                report.caughtUp = columns.sequence - snapshotSequence
                report.bytes = columns.byteSize
                if !cache.store(columns) {
                    report.rejection = "larger than the cache"
                } else {
                    // For the next start, should this process not save the site again before it ends.
                    let stamp = ColumnSnapshot.Stamp(
                        epoch: database.opening.previousEpoch, sequence: snapshotSequence,
                        schema: database.opening.schema)
                    do throws(ColumnSnapshot.Rejection) {
                        try ColumnSnapshot.restamp(path, from: stamp, to: database.opening.epoch)
                    } catch {
                        // Its epoch is no longer the stored one: no start could use it.
                        report.restampFailure = error.description
                        try? FileManager.default.removeItem(atPath: path)
                    }
                }
            } catch {
                report.rejection = error.description
                try? FileManager.default.removeItem(atPath: path)
            }
            report.duration = clock.now - started
            reports.append(report)
        }
        return reports
    }

    /// The site's columns from the snapshot at `path`, if it describes the database as opened or
    /// an earlier state of it the stored commit log leads on from; brought up to date with the
    /// database in one read transaction. Returns them and the snapshot's own event number.
    func restoredColumns(
        _ siteID: Int64, path: String
    ) async throws(ColumnSnapshot.Rejection) -> (columns: SiteColumns, snapshotSequence: Int64) {
        let (columns, stamp) = try ColumnSnapshot.read(path)
        let opening = database.opening
        guard columns.siteID == siteID else { throw .malformed("holds site \(columns.siteID)") }
        guard stamp.schema == opening.schema else { throw .stale("written under other migrations") }
        guard stamp.epoch == opening.previousEpoch else {
            throw .stale("the database was opened by another process since")
        }
        // Ahead of the database: commits it saw were lost (a file put back from a backup).
        guard stamp.sequence <= opening.sequence else {
            throw .stale("written at event \(stamp.sequence), the database is at \(opening.sequence)")
        }
        let caughtUp: Result<SiteColumns, ColumnSnapshot.Rejection>
        do {
            caughtUp = try await writer.read { db in
                var columns = columns
                let current = try SiteColumns.currentSequence(db)
                switch try StoredCommitLog.change(db, after: columns.sequence, through: current) {
                case .none: columns.advance(to: current)
                case .since(let instant): try columns.refresh(db, since: instant, through: current)
                case .unknown:
                    return .failure(
                        .stale("written at event \(stamp.sequence), the commits since are not all in the log"))
                }
                return .success(columns)
            }
        } catch {
            throw .unreadable("catching up from the database: \(error)")
        }
        return (try caughtUp.get(), stamp.sequence)
    }
}
