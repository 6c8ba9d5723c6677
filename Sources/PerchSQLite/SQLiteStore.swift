import GRDB
import PerchCore

/// The embedded store: events, sessions, sites and salts in one SQLite database.
/// Writes go through the database's single writer; exports and lookups read committed data
/// concurrently (WAL), so `perch events export` works while a server is writing.
package struct SQLiteStore: EventStore, SiteDirectory, SaltStore {
    let database: SQLiteDatabase
    let clock: any WallClock

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
                if !batch.events.isEmpty {
                    var seq = try Int64.fetchOne(db, sql: "SELECT last FROM event_sequence WHERE id = 1") ?? 0
                    var insert = StatementHandle(try db.cachedStatement(sql: SQLiteRows.insertEvent), in: db)
                    for event in batch.events {
                        seq += 1
                        SQLiteRows.bind(event, to: &insert)
                        insert.bind(seq)
                        try insert.execute()
                    }
                    try db.execute(sql: "UPDATE event_sequence SET last = ? WHERE id = 1", arguments: [seq])
                }
                if !batch.sessions.isEmpty {
                    var upsert = StatementHandle(try db.cachedStatement(sql: SQLiteRows.upsertSession), in: db)
                    for session in batch.sessions {
                        SQLiteRows.bind(session, to: &upsert)
                        try upsert.execute()
                    }
                }
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

    package func appliedJournalSequence() throws(SQLiteStoreError) -> UInt64 {
        try SQLiteStoreError.wrap { try writer.read(Self.appliedSequence) }
    }

    private static func appliedSequence(_ db: Database) throws -> UInt64 {
        let raw = try Int64.fetchOne(db, sql: "SELECT applied_sequence FROM journal_state WHERE id = 1") ?? 0
        return SQLiteRows.unsigned(raw)
    }

    package func sessions(activeSince since: Int64) throws(SQLiteStoreError) -> [SessionRecord] {
        var sessions: [SessionRecord] = []
        try forEachRow(
            sql: SQLiteRows.selectSessions + " WHERE timestamp >= ? ORDER BY timestamp, session_id", argument: since
        ) { row throws(SQLiteStoreError) in
            sessions.append(try SQLiteRows.session(row))
            return true
        }
        return sessions
    }
}
