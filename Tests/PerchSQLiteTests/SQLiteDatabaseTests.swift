import Foundation
import GRDB
import PerchCore
import Synchronization
import Testing

@testable import PerchSQLite

@Suite struct SQLiteDatabaseTests {
    @Test func inMemoryDatabaseIsMigrated() throws {
        let database = try SQLiteDatabase.inMemory()
        #expect(try database.appliedMigrations() == SQLiteSchema.migrator.migrations)
    }

    @Test(arguments: [("events", SQLiteRows.eventColumns + ["seq"]), ("sessions", SQLiteRows.sessionColumns)])
    func rowCodecColumnsMatchTheTables(table: String, columns: [String]) throws {
        let database = try SQLiteDatabase.inMemory()
        let names = try database.writer.read { db in try db.columns(in: table).map(\.name) }
        #expect(names == columns)
    }

    /// The tables are clustered by (site, time): a site's time range is one range of the table's
    /// own key, read in order, with no index lookups and no sort.
    @Test(arguments: [
        "SELECT * FROM events WHERE site_id = 1 AND timestamp >= 5 AND timestamp < 9 ORDER BY timestamp",
        "SELECT * FROM sessions WHERE site_id = 1 AND start >= 5 AND timestamp >= 6 AND start < 9 ORDER BY start",
    ])
    func tablesAreClusteredBySiteAndTime(query: String) throws {
        let database = try SQLiteDatabase.inMemory()
        let plan = try database.writer.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + query).map { $0["detail"] as String }.joined()
        }
        #expect(plan.contains("USING PRIMARY KEY"))
        #expect(!plan.contains("TEMP B-TREE"))
    }

    @Test func migratingClustersExistingRowsAndKeepsTheirOrder() throws {
        let queue = try DatabaseQueue()
        try SQLiteSchema.migrator.migrate(queue, upTo: "v3-stats")
        try queue.write { db in
            try db.execute(
                sql: "INSERT INTO sites (domain, timezone, burst, created_at) VALUES ('a.example', 'UTC', 1, 0)")
            var insertEvent = StatementHandle(try db.makeStatement(sql: Self.v3InsertEvent), in: db)
            for (timestamp, name) in [(20, "second"), (10, "first"), (20, "third")] {
                SQLiteRows.bind(Fixtures.event(timestamp: Int64(timestamp), name: name), to: &insertEvent)
                try insertEvent.execute()
            }
            var upsert = StatementHandle(try db.makeStatement(sql: SQLiteRows.upsertSession), in: db)
            SQLiteRows.bind(Fixtures.session(), to: &upsert)
            try upsert.execute()
        }
        try SQLiteSchema.migrator.migrate(queue)
        let store = SQLiteStore(database: try SQLiteDatabase(migrating: queue, columnCacheBytes: 0))
        try store.write(
            StoreBatch(events: [Fixtures.event(timestamp: 20, name: "fourth")], sessions: [], lastSequence: 1))
        var names: [String] = []
        try store.exportEvents(siteID: 1) { names.append($0.name) }
        #expect(names == ["first", "second", "third", "fourth"])
        var sessions = 0
        try store.exportSessions(siteID: 1) { _ in sessions += 1 }
        #expect(sessions == 1)
    }

    /// v10 rebuilds `sessions_user` without `timestamp` (until v13 drops it): sessions stored
    /// before are still in it, and an update of a session (its `timestamp` set) no longer writes
    /// that index.
    @Test func migratingToV10KeysSessionsUserByVisitorAndSiteOnly() throws {
        let (queue, _) = try Self.storedSession(migratedUpTo: "v9-database-epoch")
        try SQLiteSchema.migrator.migrate(queue, upTo: "v12-sessions-timestamp-dropped")
        let columns = try queue.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM pragma_index_info('sessions_user') ORDER BY seqno")
        }
        #expect(columns == ["user_id", "site_id"])
        let found = try queue.read { db in
            try Int64.fetchAll(db, sql: "SELECT session_id FROM sessions INDEXED BY sessions_user WHERE user_id = 42")
        }
        #expect(found == [5])
        // The upsert's program: `sessions_user` is written by the insert alone (one IdxInsert on
        // its cursor), not by the update (which would delete and insert its entry again).
        let writes = try queue.read { db in
            let root = try Int64.fetchOne(db, sql: "SELECT rootpage FROM sqlite_schema WHERE name = 'sessions_user'")
            let unbound = StatementArguments([DatabaseValue](repeating: .null, count: SQLiteRows.sessionColumns.count))
            let program = try Row.fetchAll(db, sql: "EXPLAIN " + SQLiteRows.upsertSession, arguments: unbound)
            let cursor =
                program.first { row in
                    (row["opcode"] as String?) == "OpenWrite" && (row["p2"] as Int64?) == root
                }?["p1"] as Int64?
            return program.compactMap { row -> String? in
                let opcode = row["opcode"] as String? ?? ""
                guard opcode == "IdxInsert" || opcode == "IdxDelete", (row["p1"] as Int64?) == cursor else {
                    return nil
                }
                return opcode
            }
        }
        #expect(writes == ["IdxInsert"])
    }

    /// v12 drops `sessions_timestamp`: the sessions stored before are found active as before,
    /// oldest last event first across sites, through `sessions_site_timestamp` site by site.
    @Test func migratingToV12DropsSessionsTimestampAndStillFindsActiveSessions() throws {
        let queue = try DatabaseQueue()
        try SQLiteSchema.migrator.migrate(queue, upTo: "v11-stored-commits")
        // Last events (start + 10 s an event) interleaved across sites; sessions 2 and 4 end at once.
        let stored = [
            Fixtures.session(id: 1, siteID: 3, start: 1_000),
            Fixtures.session(id: 2, siteID: 1, start: 3_000, events: 2),
            Fixtures.session(id: 3, siteID: 2, start: 2_000),
            Fixtures.session(id: 4, siteID: 3, start: 3_010),
            Fixtures.session(id: 5, siteID: 7, start: 500),
        ]
        try queue.write { db in
            var upsert = StatementHandle(try db.makeStatement(sql: SQLiteRows.upsertSession), in: db)
            for session in stored {
                SQLiteRows.bind(session, to: &upsert)
                try upsert.execute()
            }
        }
        try SQLiteSchema.migrator.migrate(queue)
        let indexes = try queue.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT name FROM sqlite_schema
                    WHERE type = 'index' AND tbl_name = 'sessions' AND name NOT LIKE 'sqlite_%' ORDER BY name
                    """)
        }
        #expect(indexes == ["sessions_session", "sessions_site_timestamp"])
        let store = SQLiteStore(database: try SQLiteDatabase(migrating: queue, columnCacheBytes: 0))
        #expect(try store.sessions(activeSince: 1_010).map(\.sessionID) == [1, 3, 2, 4])
        #expect(try store.sessions(activeSince: 2_011).map(\.sessionID) == [2, 4])
        let byLastEvent = stored.sorted { ($0.timestamp, $0.sessionID) < ($1.timestamp, $1.sessionID) }
        #expect(try store.sessions(activeSince: 0) == byLastEvent)
        #expect(try store.sessions(activeSince: 3_021).isEmpty)
        // Each site's range of the index, not a scan of the table or of a whole index.
        let plan = try queue.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + SQLiteStore.activeSessions, arguments: [0])
                .map { $0["detail"] as String? ?? "" }
        }
        #expect(plan.contains("SEARCH sessions USING INDEX sessions_site_timestamp (site_id=? AND timestamp>?)"))
        #expect(!plan.contains { $0.hasPrefix("SCAN sessions") })
    }

    /// v13 drops `sessions_user` for `session_evictions`: a session stored before is found once the
    /// cache says it evicted it, and a new session writes no index keyed by visitor.
    @Test func migratingToV13ReplacesSessionsUserWithSessionEvictions() throws {
        let (queue, stored) = try Self.storedSession(migratedUpTo: "v12-sessions-timestamp-dropped")
        try SQLiteSchema.migrator.migrate(queue)
        let (indexes, tables) = try queue.read { db in
            (
                try String.fetchAll(
                    db, sql: "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'sessions'"),
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE type = 'table'")
            )
        }
        #expect(!indexes.contains("sessions_user"))
        #expect(tables.contains("session_evictions"))
        let store = SQLiteStore(database: try SQLiteDatabase(migrating: queue, columnCacheBytes: 0))
        #expect(try store.latestSession(siteID: 1, userIDs: [42], activeSince: 0) == nil)
        store.remember([EvictedSession(siteID: 1, userID: 42, sessionID: 5, lastSeen: stored.timestamp)])
        #expect(try store.latestSession(siteID: 1, userIDs: [42], activeSince: 0) == stored)
    }

    /// A database migrated up to `migration` holding one session (id 5, visitor 42), written by
    /// today's upsert.
    private static func storedSession(migratedUpTo migration: String) throws -> (DatabaseQueue, SessionRecord) {
        let queue = try DatabaseQueue()
        try SQLiteSchema.migrator.migrate(queue, upTo: migration)
        var stored = Fixtures.session(id: 5, start: 1_000, events: 2)
        stored.userID = 42
        try queue.write { db in
            var upsert = StatementHandle(try db.makeStatement(sql: SQLiteRows.upsertSession), in: db)
            SQLiteRows.bind(stored, to: &upsert)
            try upsert.execute()
        }
        return (queue, stored)
    }

    /// The event insert of schema v3, before the `seq` column.
    private static var v3InsertEvent: String {
        let columns = SQLiteRows.eventColumns
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        return "INSERT INTO events (\(columns.joined(separator: ", "))) VALUES (\(placeholders))"
    }

    @Test func openCreatesParentFoldersAndUsesWAL() throws {
        let folder = TemporaryFolder()
        let path = folder.path + "/nested/data/perch.sqlite"
        let database = try SQLiteDatabase.open(path: path)
        #expect(FileManager.default.fileExists(atPath: path))
        let mode = try database.writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        let synchronous = try database.writer.read { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        #expect(synchronous == 2)
    }

    @Test func reopeningKeepsDataAndDoesNotRemigrate() throws {
        let folder = TemporaryFolder()
        let path = folder.path + "/perch.sqlite"
        do {
            let store = try SQLiteStore(path: path)
            try store.write(StoreBatch(events: [Fixtures.event()], sessions: [], lastSequence: 3))
        }
        let reopened = try SQLiteStore(path: path)
        #expect(try reopened.appliedJournalSequence() == 3)
        #expect(try reopened.database.appliedMigrations() == SQLiteSchema.migrator.migrations)
        var count = 0
        try reopened.exportEvents(siteID: 1) { _ in count += 1 }
        #expect(count == 1)
    }

    @Test func openFailsClearlyWhenTheFolderCannotBeCreated() throws {
        let folder = TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
        let blocker = folder.path + "/file"
        #expect(FileManager.default.createFile(atPath: blocker, contents: Data()))
        #expect(throws: SQLiteStoreError.self) { try SQLiteDatabase.open(path: blocker + "/db.sqlite") }
    }

    @Test func readersSeeCommittedDataWhileAnExportIsOpen() throws {
        let folder = TemporaryFolder()
        let store = try SQLiteStore(path: folder.path + "/perch.sqlite")
        try store.write(StoreBatch(events: [Fixtures.event(timestamp: 1)], sessions: [], lastSequence: 1))
        var seen: [Int64] = []
        try store.exportEvents(siteID: 1) { event in
            seen.append(event.timestamp)
            // A write from another thread during the export commits without waiting for the
            // reader (WAL), and is not visible to the export's snapshot.
            let done = DispatchSemaphore(value: 0)
            let result = Mutex<Result<Void, SQLiteStoreError>?>(nil)
            DispatchQueue.global().async {
                let outcome = Result { () throws(SQLiteStoreError) in
                    try store.write(StoreBatch(events: [Fixtures.event(timestamp: 2)], sessions: [], lastSequence: 2))
                }
                result.withLock { $0 = outcome }
                done.signal()
            }
            done.wait()
            try result.withLock { $0 }?.get()
        }
        #expect(seen == [1])
        var after: [Int64] = []
        try store.exportEvents(siteID: 1) { after.append($0.timestamp) }
        #expect(after == [1, 2])
    }
}
