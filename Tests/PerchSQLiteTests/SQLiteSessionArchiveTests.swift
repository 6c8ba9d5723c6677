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

    @Test("the newest session of the visitor on the site, active since the cutoff")
    func newestActiveSession() throws {
        var older = Fixtures.session(id: 1, start: 1_000, events: 2)
        var newer = Fixtures.session(id: 2, start: 5_000, events: 3, exitPage: "/c")
        var otherSite = Fixtures.session(id: 3, siteID: 2, start: 9_000)
        var otherUser = Fixtures.session(id: 4, start: 9_000)
        otherUser.userID = 99
        older.userID = 10
        newer.userID = 10
        otherSite.userID = 10
        try store.write(StoreBatch(events: [], sessions: [older, newer, otherSite, otherUser], lastSequence: 1))

        #expect(try store.latestSession(siteID: 1, userIDs: [10], activeSince: 0) == newer)
        #expect(try store.latestSession(siteID: 1, userIDs: [10], activeSince: newer.timestamp + 1) == nil)
        #expect(try store.latestSession(siteID: 2, userIDs: [10], activeSince: 0)?.sessionID == 3)
        #expect(try store.latestSession(siteID: 1, userIDs: [11], activeSince: 0) == nil)
    }

    @Test("either of the visitor's ids (today's and yesterday's salt) finds it; the newer wins")
    func eitherUserID() throws {
        var yesterday = Fixtures.session(id: 1, start: 1_000)
        yesterday.userID = UInt64.max - 1
        var today = Fixtures.session(id: 2, start: 2_000)
        today.userID = 5
        try store.write(StoreBatch(events: [], sessions: [yesterday], lastSequence: 1))
        #expect(try store.latestSession(siteID: 1, userIDs: [5, UInt64.max - 1], activeSince: 0) == yesterday)
        try store.write(StoreBatch(events: [], sessions: [today], lastSequence: 2))
        #expect(try store.latestSession(siteID: 1, userIDs: [5, UInt64.max - 1], activeSince: 0) == today)
    }

    @Test("a session a later event moved on is found by its new last event, in its newest state")
    func updatedSession() throws {
        var first = Fixtures.session(id: 1, start: 1_000, events: 1)
        first.userID = 10
        var later = Fixtures.session(id: 1, start: 1_000, events: 4, exitPage: "/d")
        later.userID = 10
        try store.write(StoreBatch(events: [], sessions: [first], lastSequence: 1))
        try store.write(StoreBatch(events: [], sessions: [later], lastSequence: 2))
        #expect(try store.latestSession(siteID: 1, userIDs: [10], activeSince: first.timestamp + 1) == later)
        #expect(try store.latestSession(siteID: 1, userIDs: [10], activeSince: later.timestamp + 1) == nil)
    }

    @Test("the lookup walks the sessions_user index by visitor and site")
    func usesIndex() throws {
        let plan = try store.writer.read { db in
            try Row.fetchAll(
                db, sql: "EXPLAIN QUERY PLAN " + SQLiteRows.selectSessions + SQLiteStore.latestSessionFilter,
                arguments: [1, 1, 0]
            ).map { $0["detail"] as String? ?? "" }.joined()
        }
        #expect(plan.contains("USING INDEX sessions_user (user_id=? AND site_id=?)"))
    }
}
