import GRDB
import PerchCore
import PerchStats
import Testing

@testable import PerchSQLite

/// Cases where held columns could go stale: the comparison must notice stale columns, a site in
/// another time zone must bucket the same, and a rolled-back commit must not vouch for numbers
/// another process then takes.
@Suite struct ColumnarStalenessTests {
    typealias Rows = ColumnarRows
    let day = ColumnarRows.day
    let hour = ColumnarRows.hour

    /// The comparison can fail: columns read before a write but marked current after it answer
    /// differently from SQL.
    @Test func staleColumnsAreNoticed() async throws {
        let folder = TemporaryFolder()
        let store = try Rows.seeded(folder)
        let cache = store.database.columns
        var stale = try await store.writer.read { db in
            try SiteColumns.load(db, siteID: 1, from: ColumnarQueries.loadFrom)
        }
        try store.write(
            Rows.batch(
                [Rows.event(at: day + 86_400 + 30, path: "/new", user: 8, session: 8)],
                [
                    Rows.session(
                        8, user: 8, start: day + 86_400 + 30, last: day + 86_400 + 30, pageviews: 1, events: 1,
                        entry: "/new", exit: "/new", source: "Bing", country: "US")
                ]))
        stale.advance(to: try await store.writer.read(SiteColumns.currentSequence))
        #expect(cache.store(stale))
        // The held columns miss the last write.
        #expect(try await ColumnarQueries.differingAnswers(store) > 10)
    }

    @Test(arguments: ["Asia/Kolkata", "America/New_York", "Pacific/Chatham"])
    func siteInAnotherTimeZone(_ zone: String) async throws {
        let folder = TemporaryFolder()
        let store = try Rows.seeded(folder, timezone: zone)
        try await store.loadColumns(siteID: 1, from: ColumnarQueries.loadFrom)
        try await ColumnarQueries.expectSameAnswers(store, step: "\(zone) loaded")
        try store.write(
            Rows.batch(
                [
                    Rows.event(at: day + 23 * hour + 50 * 60, path: "/late-night", user: 9, session: 9),
                    Rows.event(at: day + 2 * 86_400 + 30 * 60, path: "/", user: 9, session: 10),
                ],
                [
                    Rows.session(
                        9, user: 9, start: day + 23 * hour + 50 * 60, last: day + 23 * hour + 50 * 60, pageviews: 1,
                        events: 1, entry: "/late-night", exit: "/late-night", country: "IN"),
                    Rows.session(
                        10, user: 9, start: day + 2 * 86_400 + 30 * 60, last: day + 2 * 86_400 + 30 * 60,
                        pageviews: 1, events: 1, entry: "/", exit: "/", country: "IN"),
                ]))
        try await ColumnarQueries.expectSameAnswers(store, step: "\(zone) after write")
    }

    /// This process's commit is rolled back after it was logged; another process's commit then
    /// takes the same numbers for another site's rows. The log must not vouch for them.
    @Test func rolledBackNumbersTakenByAnotherProcess() async throws {
        let folder = TemporaryFolder()
        let store = try Rows.seeded(folder)
        try await store.loadColumns(siteID: 1, from: ColumnarQueries.loadFrom)
        let loadedAt = store.database.columns.columns(of: 1)?.sequence ?? 0
        // Fails the write inside its transaction, after the writer logged the commit.
        try await store.writer.write { db in
            try db.execute(
                sql: "CREATE TEMP TRIGGER refuse BEFORE INSERT ON events WHEN NEW.name = 'refused' "
                    + "BEGIN SELECT RAISE(ABORT, 'refused'); END")
        }
        #expect(throws: (any Error).self) {
            try store.write(Rows.batch([Rows.event(site: 2, at: day + 86_400, name: "refused", user: 5, session: 5)]))
        }
        #expect(try await store.writer.read(SiteColumns.currentSequence) == loadedAt)
        let other = try SQLiteStore(path: folder.path + "/perch.sqlite3")
        try other.write(
            Rows.batch(
                [Rows.event(at: day + 86_400 + 10, path: "/foreign", user: 11, session: 11)],
                [
                    Rows.session(
                        11, user: 11, start: day + 86_400 + 10, last: day + 86_400 + 10, pageviews: 1, events: 1,
                        entry: "/foreign", exit: "/foreign", source: "Bing", country: "US")
                ]))
        #expect(try await store.writer.read(SiteColumns.currentSequence) == loadedAt + 1)
        // Number loadedAt + 1 is the other process's: what it changed is unknown to this one.
        #expect(store.database.columns.change(to: 1, after: loadedAt, through: loadedAt + 1) == .unknown)
        let body = #"{"site_id":"example.com","metrics":["visitors","pageviews"],"date_range":"7d"}"#
        let cached = try await ColumnarQueries.answer(body, reader: store)
        let reference = try await ColumnarQueries.answer(body, reader: SQLOnlyReader(store: store))
        #expect(cached.json == reference.json)
    }

    /// A refresh that fails half-way (the sessions read, after the events were added) must not
    /// leave columns that the next refresh adds the same events to again.
    @Test func failedRefreshLeavesNoDuplicates() async throws {
        let store = SQLiteStore(database: try .inMemory())
        try store.addSite(domain: "example.com")
        try store.write(Rows.batch([Rows.event(at: day + hour, user: 1, session: 1)]))
        try await store.loadColumns(siteID: 1, from: ColumnarQueries.loadFrom)
        try store.write(Rows.batch([Rows.event(at: day + 2 * hour, path: "/b", user: 2, session: 2)]))
        let body = #"{"site_id":"example.com","metrics":["visitors","pageviews"],"date_range":"7d"}"#
        let request = try #require(try await ColumnarQueries.request(body, store: store))
        // A temporary table shadows `sessions` on the (only) connection: the sessions read fails.
        try await store.writer.write { db in try db.execute(sql: "CREATE TEMP TABLE sessions (x)") }
        await #expect(throws: (any Error).self) { try await store.precomputedGroups(request) }
        try await store.writer.write { db in try db.execute(sql: "DROP TABLE temp.sessions") }
        #expect(try await store.precomputedGroups(request) != nil)
        #expect(store.database.columns.columns(of: 1)?.events.count == 2)
        let cached = try await ColumnarQueries.answer(body, reader: store)
        let reference = try await ColumnarQueries.answer(body, reader: SQLOnlyReader(store: store))
        #expect(cached.json == reference.json)
    }
}
