import GRDB

/// The commits that changed events or sessions, kept in the database (`stored_commits`, written
/// in each commit's own transaction by `SQLiteStore.write`): what a column snapshot older than the
/// database needs to be caught up after a crash, when the process's `OwnCommitLog` is gone.
///
/// A row holds the event numbers a commit took and the earliest event timestamp or session
/// `timestamp` it wrote, over all sites (one small row per commit, whatever its sites). A rolled
/// back commit leaves no row, so the rows' ranges never overlap; a range no row covers (pruned,
/// or written by a build without this table) makes the change unknown.
enum StoredCommitLog {
    /// Commits kept: past it the oldest rows go, one per commit. At the server's batches (one
    /// commit per flush, 1 s by default) that is more than a day of commits; a snapshot older
    /// than the rows kept is not used (the site loads from SQLite, as without snapshots).
    static let capacity: Int64 = 100_000

    /// Records, inside the writing transaction, the commit that took `numbers` and whose earliest
    /// written instant is `earliest`; drops the row that falls out of the capacity.
    static func record(_ db: Database, numbers: ClosedRange<Int64>, earliest: Int64, capacity: Int64 = capacity)
        throws
    {
        try db.cachedStatement(sql: "INSERT INTO stored_commits (first_seq, last_seq, earliest) VALUES (?, ?, ?)")
            .execute(arguments: [numbers.lowerBound, numbers.upperBound, earliest])
        // Ids are the table's rowids, each the largest so far plus one: the rows kept are the last
        // `capacity` ids, and this delete finds at most one row by the primary key.
        let id = db.lastInsertedRowID
        if id > capacity {
            try db.cachedStatement(sql: "DELETE FROM stored_commits WHERE id <= ?").execute(arguments: [id - capacity])
        }
    }

    /// The change to every site by the commits numbered `after + 1 ... through` (read in the
    /// transaction that reads `through`): `.since` the earliest instant they wrote, `.none` when
    /// there are none, `.unknown` when the rows do not cover every one of those numbers.
    ///
    /// Reads from the newest row back (ids and numbers grow together: each commit takes the next
    /// numbers in the transaction that stores its row) and stops at the first row at or before
    /// `after`, so a snapshot saved a few commits ago reads a few rows, not the whole log.
    static func change(_ db: Database, after: Int64, through: Int64) throws -> OwnCommitLog.Change {
        guard through > after else { return .none }
        let rows = try Row.fetchCursor(
            db, sql: "SELECT first_seq, last_seq, earliest FROM stored_commits ORDER BY id DESC")
        // Every number from `uncovered + 1` through `through` is in a row read so far.
        var uncovered = through
        var earliest: Int64?
        while let row = try rows.next() {
            let (first, last, instant): (Int64, Int64, Int64) = (row[0], row[1], row[2])
            if last <= after { break }
            if first > through { continue }
            guard last >= uncovered else { return .unknown }
            uncovered = min(uncovered, first - 1)
            earliest = min(earliest ?? instant, instant)
            if uncovered <= after { break }
        }
        guard uncovered <= after else { return .unknown }
        return earliest.map(OwnCommitLog.Change.since) ?? .none
    }
}
