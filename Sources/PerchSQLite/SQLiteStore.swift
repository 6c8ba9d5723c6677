import GRDB
import PerchCore

/// The embedded store: events, sessions, sites and salts in one SQLite database.
/// Writes go through the database's single writer; exports and lookups read committed data
/// concurrently (WAL), so `perch events export` works while a server is writing.
package struct SQLiteStore: EventStore, SiteDirectory, SaltStore {
    let database: SQLiteDatabase
    let clock: any WallClock
    /// How long one Stats query may spend matching regular expressions (`SQLiteRegexp`).
    package var regexTimeLimitSeconds = 10

    package init(database: SQLiteDatabase, clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.clock = clock
    }

    /// Opens (creating and migrating it if needed) the database file at `path`.
    package init(path: String, clock: any WallClock = SystemWallClock()) throws(SQLiteStoreError) {
        self.init(database: try SQLiteDatabase.open(path: path), clock: clock)
    }

    var writer: any DatabaseWriter { database.writer }

    // MARK: - EventStore

    package func write(_ batch: StoreBatch) throws(SQLiteStoreError) {
        try SQLiteStoreError.wrap {
            try writer.write { db in
                // Events take the next numbers; a batch of sessions alone takes one, so the column
                // cache (told here, before the commit) sees every change by its number.
                let numbers = batch.events.isEmpty && !batch.sessions.isEmpty ? 1 : batch.events.count
                if numbers > 0 {
                    let last = try Int64.fetchOne(db, sql: "SELECT last FROM event_sequence WHERE id = 1") ?? 0
                    let range = last + 1...last + Int64(numbers)
                    let earliest = Self.earliestInstants(of: batch)
                    let cache = database.columns
                    if cache.isEnabled {
                        let commit = OwnCommitLog.Commit(
                            first: range.lowerBound, last: range.upperBound, earliest: earliest)
                        cache.record(commit)
                        // Numbers of a commit that does not happen will be taken again, perhaps by
                        // another process: they must not stay known as this one's.
                        db.afterNextTransaction(onCommit: { _ in }, onRollback: { _ in cache.retract(commit) })
                    }
                    var insert = StatementHandle(try db.cachedStatement(sql: SQLiteRows.insertEvent), in: db)
                    for (offset, event) in batch.events.enumerated() {
                        SQLiteRows.bind(event, to: &insert)
                        insert.bind(last + 1 + Int64(offset))
                        try insert.execute()
                    }
                    try db.execute(
                        sql: "UPDATE event_sequence SET last = ? WHERE id = 1", arguments: [range.upperBound])
                    try StoredCommitLog.record(db, numbers: range, earliest: earliest.values.min() ?? .max)
                }
                if !batch.idempotencyKeys.isEmpty {
                    let insert = try db.cachedStatement(
                        sql: "INSERT OR IGNORE INTO event_ids (key, timestamp) VALUES (?, ?)")
                    for (key, timestamp) in batch.idempotencyKeys {
                        try insert.execute(arguments: [key, timestamp])
                    }
                }
                if !batch.sessions.isEmpty {
                    var upsert = StatementHandle(try db.cachedStatement(sql: SQLiteRows.upsertSession), in: db)
                    for session in batch.sessions {
                        SQLiteRows.bind(session, to: &upsert)
                        try upsert.execute()
                    }
                }
                try storeEvictions(db)
                // Compared in Swift: the column holds the UInt64's bit pattern, which SQL's
                // signed max() would misorder past Int64.max.
                let stored = try Self.appliedSequence(db)
                if batch.lastSequence > stored {
                    try db.execute(
                        sql: "UPDATE journal_state SET applied_sequence = ? WHERE id = 1",
                        arguments: [SQLiteRows.bitPattern(batch.lastSequence)]
                    )
                }
            }
        }
    }

    /// Per site, the earliest event timestamp or session `timestamp` `batch` writes: what the
    /// column cache (`OwnCommitLog`) and, over all sites, the stored commit log keep of a commit.
    private static func earliestInstants(of batch: StoreBatch) -> [Int64: Int64] {
        var earliest: [Int64: Int64] = [:]
        for event in batch.events { earliest[event.siteID] = min(earliest[event.siteID] ?? .max, event.timestamp) }
        for session in batch.sessions {
            earliest[session.siteID] = min(earliest[session.siteID] ?? .max, session.timestamp)
        }
        return earliest
    }

    package func appliedJournalSequence() throws(SQLiteStoreError) -> UInt64 {
        try SQLiteStoreError.wrap { try writer.read(Self.appliedSequence) }
    }

    private static func appliedSequence(_ db: Database) throws -> UInt64 {
        let raw = try Int64.fetchOne(db, sql: "SELECT applied_sequence FROM journal_state WHERE id = 1") ?? 0
        return SQLiteRows.unsigned(raw)
    }

    package func sessions(activeSince since: Int64) throws(SQLiteStoreError) -> [SessionRecord] {
        var sessions: [SessionRecord] = []
        try forEachRow(sql: Self.activeSessions, argument: since) { row throws(SQLiteStoreError) in
            sessions.append(try SQLiteRows.session(row))
            return true
        }
        return sessions
    }

    /// The sessions whose last event is at or after the bound time, oldest last event first: read
    /// site by site through `sessions_site_timestamp` (`SessionSites`), then sorted.
    static let activeSessions =
        SessionSites.commonTableExpression + """
             SELECT \(SQLiteRows.sessionColumns.map { "sessions.\($0)" }.joined(separator: ", "))
            FROM session_sites CROSS JOIN sessions INDEXED BY sessions_site_timestamp
            WHERE sessions.site_id = session_sites.id AND sessions.timestamp >= ?
            ORDER BY sessions.timestamp, sessions.session_id
            """
}
