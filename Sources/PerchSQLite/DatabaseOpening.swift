import GRDB

/// What a process found when it opened the database, and the epoch it left: every open replaces
/// the stored epoch (`database_epoch`) with a random one in the transaction that reads the rest.
///
/// A column snapshot (`ColumnSnapshot`) is stamped with the epoch stored when its columns were
/// brought up to date, in the same read transaction, and the last event number they reflect. If
/// the next open finds that same epoch, no process has opened the database since (an import, a
/// migration, a copy of another database put in its place would each have replaced it); the
/// commits since were made by the server or by a process that opened the database before (whose
/// earlier commits the columns took in). Events and sessions are changed only by commits that
/// take event numbers (no path deletes or rewrites them), each stored in `stored_commits`
/// (`StoredCommitLog`), so the snapshot and the rows after its number tell exactly what the
/// database holds.
struct DatabaseOpening: Sendable {
    /// The epoch stored before this open: the previous opener's.
    let previousEpoch: Int64
    /// The epoch this open stored.
    let epoch: Int64
    /// `event_sequence` when the database was opened.
    let sequence: Int64
    /// The applied migrations, in order.
    let schema: String

    /// The epoch stored now: the last opener's.
    static func storedEpoch(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT epoch FROM database_epoch WHERE id = 1") ?? 0
    }

    static func begin(_ db: Database) throws -> DatabaseOpening {
        let previous = try storedEpoch(db)
        var epoch = Int64.random(in: 1...Int64.max)
        while epoch == previous { epoch = Int64.random(in: 1...Int64.max) }
        try db.execute(sql: "UPDATE database_epoch SET epoch = ? WHERE id = 1", arguments: [epoch])
        return DatabaseOpening(
            previousEpoch: previous, epoch: epoch, sequence: try SiteColumns.currentSequence(db),
            schema: try SQLiteSchema.migrator.appliedMigrations(db).joined(separator: ","))
    }
}
