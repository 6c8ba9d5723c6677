import GRDB
import PerchCore
import Testing

@testable import PerchSQLite

@Suite("SQLite store: reading back a visitor's session for the session cache")
struct SQLiteSessionArchiveTests {
    let store: SQLiteStore

    init() throws {
        store = SQLiteStore(database: try .inMemory())
    }

    /// What the session cache tells the store when it evicts `sessions`.
    func evict(_ sessions: SessionRecord...) {
        store.remember(
            sessions.map {
                EvictedSession(siteID: $0.siteID, userID: $0.userID, sessionID: $0.sessionID, lastSeen: $0.timestamp)
            })
    }

    /// A write with nothing but the evictions told since the last one.
    func writeEvictions(sequence: UInt64) throws {
        try store.write(StoreBatch(events: [], sessions: [], lastSequence: sequence))
    }

    func storedEvictions() throws -> [[Int64]] {
        try store.writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT user_id, site_id, session_id, last_seen FROM session_evictions ORDER BY session_id"
            ).map { row in (0..<4).map { row[$0] as Int64 } }
        }
    }

    @Test("the newest evicted session of the visitor on the site, active since the cutoff")
    func newestActiveSession() throws {
        var older = Fixtures.session(id: 1, start: 1_000, events: 2)
        var newer = Fixtures.session(id: 2, start: 5_000, events: 3, exitPage: "/c")
        var otherSite = Fixtures.session(id: 3, siteID: 2, start: 9_000)
        var otherUser = Fixtures.session(id: 4, start: 9_000)
        var notEvicted = Fixtures.session(id: 5, start: 9_500)
        otherUser.userID = 99
        older.userID = 10
        newer.userID = 10
        otherSite.userID = 10
        notEvicted.userID = 10
        try store.write(
            StoreBatch(events: [], sessions: [older, newer, otherSite, otherUser, notEvicted], lastSequence: 1))
        evict(older, newer, otherSite, otherUser)
        try writeEvictions(sequence: 2)

        #expect(try store.latestSession(siteID: 1, userIDs: [10], activeSince: 0) == newer)
        #expect(try store.latestSession(siteID: 1, userIDs: [10], activeSince: newer.timestamp + 1) == nil)
        #expect(try store.latestSession(siteID: 2, userIDs: [10], activeSince: 0)?.sessionID == 3)
        #expect(try store.latestSession(siteID: 1, userIDs: [11], activeSince: 0) == nil)
        #expect(try store.latestSession(siteID: 1, userIDs: [99], activeSince: 0) == otherUser)
    }

    @Test("either of the visitor's ids (today's and yesterday's salt) finds it; the newer wins")
    func eitherUserID() throws {
        var yesterday = Fixtures.session(id: 1, start: 1_000)
        yesterday.userID = UInt64.max - 1
        var today = Fixtures.session(id: 2, start: 2_000)
        today.userID = 5
        try store.write(StoreBatch(events: [], sessions: [yesterday], lastSequence: 1))
        evict(yesterday)
        #expect(try store.latestSession(siteID: 1, userIDs: [5, UInt64.max - 1], activeSince: 0) == yesterday)
        try store.write(StoreBatch(events: [], sessions: [today], lastSequence: 2))
        evict(today)
        #expect(try store.latestSession(siteID: 1, userIDs: [5, UInt64.max - 1], activeSince: 0) == today)
    }

    @Test("a session a later event moved on is found by its new last event, in its newest state")
    func updatedSession() throws {
        var first = Fixtures.session(id: 1, start: 1_000, events: 1)
        first.userID = 10
        var later = Fixtures.session(id: 1, start: 1_000, events: 4, exitPage: "/d")
        later.userID = 10
        try store.write(StoreBatch(events: [], sessions: [first], lastSequence: 1))
        evict(first)
        try store.write(StoreBatch(events: [], sessions: [later], lastSequence: 2))
        #expect(try store.latestSession(siteID: 1, userIDs: [10], activeSince: first.timestamp + 1) == later)
        #expect(try store.latestSession(siteID: 1, userIDs: [10], activeSince: later.timestamp + 1) == nil)
    }

    @Test("evictions are found before the next write stores them, and stored by it once")
    func pendingThenStored() throws {
        var session = Fixtures.session(id: 7, start: 1_000, events: 2)
        session.userID = 10
        try store.write(StoreBatch(events: [], sessions: [session], lastSequence: 1))
        evict(session)
        #expect(try storedEvictions().isEmpty)
        #expect(try store.latestSession(siteID: 1, userIDs: [10], activeSince: 0) == session)
        // Evicted again after a reload, later: one row, the later time.
        var again = session
        again.timestamp += 60
        evict(again)
        #expect(store.database.evictions.unwritten().count == 2)
        try writeEvictions(sequence: 2)
        #expect(store.database.evictions.unwritten().isEmpty)
        #expect(try storedEvictions() == [[10, 1, 7, again.timestamp]])
        #expect(try store.latestSession(siteID: 1, userIDs: [10], activeSince: 0) == session)
        try writeEvictions(sequence: 3)
        #expect(try storedEvictions().count == 1)
    }

    @Test("a write that rolls back leaves its evictions to the next one")
    func rolledBackWriteKeepsEvictions() throws {
        var session = Fixtures.session(id: 7, start: 1_000, events: 2)
        session.userID = 10
        try store.write(StoreBatch(events: [], sessions: [session], lastSequence: 1))
        evict(session)
        // The journal's sequence is checked in the transaction: break the table it lives in.
        try store.writer.write { db in try db.execute(sql: "ALTER TABLE journal_state RENAME TO journal_state_gone") }
        #expect(throws: SQLiteStoreError.self) { try writeEvictions(sequence: 2) }
        try store.writer.write { db in try db.execute(sql: "ALTER TABLE journal_state_gone RENAME TO journal_state") }
        #expect(try storedEvictions().isEmpty)
        #expect(store.database.evictions.unwritten().count == 1)
        #expect(try store.latestSession(siteID: 1, userIDs: [10], activeSince: 0) == session)
        try writeEvictions(sequence: 2)
        #expect(try storedEvictions() == [[10, 1, 7, session.timestamp]])
    }

    @Test("rows older than the retention behind the newest eviction written are deleted")
    func pruned() throws {
        let retention = SQLiteStore.evictionRetention
        store.remember([EvictedSession(siteID: 1, userID: 1, sessionID: 1, lastSeen: 1_000)])
        try writeEvictions(sequence: 1)
        store.remember([EvictedSession(siteID: 1, userID: 2, sessionID: 2, lastSeen: 1_300)])
        try writeEvictions(sequence: 2)
        #expect(try storedEvictions().map { $0[2] } == [1, 2])
        // A prune is due (an interval after the first); the cutoff falls between the two rows.
        let newest = 1_200 + retention
        #expect(newest >= 1_000 + EvictedSessionLog.pruneInterval)
        store.remember([EvictedSession(siteID: 1, userID: 3, sessionID: 3, lastSeen: newest)])
        try writeEvictions(sequence: 3)
        #expect(try storedEvictions().map { $0[2] } == [2, 3])
    }

    @Test("the lookup reads session_evictions by its key and each session by sessions_session")
    func usesIndexes() throws {
        let plan = try store.writer.read { db in
            try Row.fetchAll(
                db, sql: "EXPLAIN QUERY PLAN " + SQLiteStore.evictedSessions, arguments: [1, 1, 0]
            ).map { $0["detail"] as String? ?? "" }
        }
        #expect(plan.contains { $0.contains("SEARCH v USING PRIMARY KEY (user_id=? AND site_id=?)") })
        #expect(plan.contains { $0.contains("SEARCH s USING INDEX sessions_session (session_id=?)") })
    }
}
