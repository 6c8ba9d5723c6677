import PerchCore
import PerchStats
import Testing

@testable import PerchSQLite

/// A file-backed store's held columns stay equal to SQL through every kind of write after they
/// were read: new sessions, updated sessions, late events, other sites, sessions alone, and
/// writes by another process on the same file.
@Suite struct ColumnarFreshnessTests {
    typealias Rows = ColumnarRows
    let day = ColumnarRows.day
    let hour: Int64 = 3_600

    func held(_ store: SQLiteStore, site: Int64 = 1) -> SiteColumns? {
        store.database.columns.columns(of: site)
    }

    @Test func ownWritesOfEveryKind() async throws {
        let folder = TemporaryFolder()
        let store = try Rows.seeded(folder)
        try await store.loadColumns(siteID: 1, from: ColumnarQueries.loadFrom)
        #expect(held(store)?.events.count == 7)
        try await ColumnarQueries.expectSameAnswers(store, step: "loaded")

        // New sessions on a later day, from a new and a returning visitor.
        try store.write(
            Rows.batch(
                [
                    Rows.event(at: day + 2 * 86_400 + 9 * hour, path: "/docs", user: 4, session: 4),
                    Rows.event(at: day + 2 * 86_400 + 9 * hour + 30, path: "/docs/api", user: 4, session: 4),
                    Rows.event(at: day + 2 * 86_400 + 11 * hour, path: "/", user: 101, session: 5),
                ],
                [
                    Rows.session(
                        4, user: 4, start: day + 2 * 86_400 + 9 * hour, last: day + 2 * 86_400 + 9 * hour + 30,
                        pageviews: 2, events: 2, entry: "/docs", exit: "/docs/api", source: "Bing", country: "US"),
                    Rows.session(
                        5, user: 101, start: day + 2 * 86_400 + 11 * hour, last: day + 2 * 86_400 + 11 * hour,
                        pageviews: 1, events: 1, entry: "/", exit: "/", source: "Google", country: "DE"),
                ]))
        try await ColumnarQueries.expectSameAnswers(store, step: "new sessions")
        #expect(held(store)?.events.count == 10)

        // The bounced session 102 continues: later timestamp, more pageviews, no longer a bounce.
        try store.write(
            Rows.batch(
                [Rows.event(at: day + 13 * hour + 200, path: "/about", user: 102, session: 102)],
                [
                    Rows.session(
                        102, user: 102, start: day + 13 * hour, last: day + 13 * hour + 200, pageviews: 2, events: 2,
                        entry: "/", exit: "/about", country: "FR")
                ]))
        try await ColumnarQueries.expectSameAnswers(store, step: "updated session")

        // Late events, older than the newest held one, into a held session and a new one.
        try store.write(
            Rows.batch(
                [
                    Rows.event(at: day + 86_430, path: "/blog/post", user: 103, session: 103),
                    Rows.event(at: day + 5 * hour, name: "Download", path: "/files", user: 6, session: 6),
                    Rows.event(at: day + 86_440, name: "engagement", path: "/blog/post", user: 103, session: 103),
                ],
                [
                    Rows.session(
                        103, user: 103, start: day + 86_400, last: day + 86_460, pageviews: 3, events: 3,
                        entry: "/blog", exit: "/", source: "Twitter", country: "DE"),
                    Rows.session(
                        6, user: 6, start: day + 5 * hour, last: day + 5 * hour, pageviews: 0, events: 1,
                        entry: "/files", exit: "/files", country: "JP"),
                ]))
        try await ColumnarQueries.expectSameAnswers(store, step: "late events")

        // The other site only: site 1's columns are marked current without reading.
        let before = held(store)
        try store.write(
            Rows.batch(
                [Rows.event(site: 2, at: day + 3 * hour, path: "/elsewhere", user: 900, session: 900)],
                [
                    Rows.session(
                        900, site: 2, user: 900, start: day + 3 * hour, last: day + 3 * hour, pageviews: 1, events: 1,
                        entry: "/elsewhere", exit: "/elsewhere")
                ]))
        try await ColumnarQueries.expectSameAnswers(store, step: "other site")
        try await ColumnarQueries.expectSameAnswers(store, domain: "other.example", step: "other site's queries")
        #expect(held(store)?.events.count == before?.events.count)
        #expect((held(store)?.sequence ?? 0) > (before?.sequence ?? .max))

        // Sessions alone (no events): session 4's exit page and duration change.
        try store.write(
            Rows.batch(
                [],
                [
                    Rows.session(
                        4, user: 4, start: day + 2 * 86_400 + 9 * hour, last: day + 2 * 86_400 + 10 * hour,
                        pageviews: 2, events: 3, entry: "/docs", exit: "/docs/end", source: "Bing", country: "US")
                ]))
        try await ColumnarQueries.expectSameAnswers(store, step: "sessions only")
    }

    @Test func writesOfAnotherProcess() async throws {
        let folder = TemporaryFolder()
        let store = try Rows.seeded(folder)
        try await store.loadColumns(siteID: 1, from: ColumnarQueries.loadFrom)
        try await ColumnarQueries.expectSameAnswers(store, step: "loaded")
        let loadedAt = held(store)?.sequence ?? 0

        // Another process (its own pool and cache) writes to site 1, including a late event.
        let other = try SQLiteStore(path: folder.path + "/perch.sqlite3")
        try other.write(
            Rows.batch(
                [
                    Rows.event(at: day + 2 * 86_400, path: "/foreign", user: 7, session: 7),
                    Rows.event(at: day + 11 * hour, path: "/foreign-late", user: 101, session: 101),
                ],
                [
                    Rows.session(
                        7, user: 7, start: day + 2 * 86_400, last: day + 2 * 86_400, pageviews: 1, events: 1,
                        entry: "/foreign", exit: "/foreign", source: "DuckDuckGo", country: "NL"),
                    Rows.session(
                        101, user: 101, start: day + 10 * hour, last: day + 11 * hour, pageviews: 3, events: 4,
                        entry: "/", exit: "/foreign-late", source: "Google", country: "DE"),
                ]))
        try await ColumnarQueries.expectSameAnswers(store, step: "foreign events")
        #expect((held(store)?.sequence ?? 0) > loadedAt)
        #expect(held(store)?.events.count == 9)

        // This process writes again after the foreign numbers: still not all its own.
        try store.write(Rows.batch([Rows.event(at: day + 2 * 86_400 + 60, path: "/own", user: 7, session: 7)]))
        try await ColumnarQueries.expectSameAnswers(store, step: "own after foreign")

        // Foreign then own commits before the next query.
        try other.write(Rows.batch([Rows.event(at: day + 12 * hour, path: "/foreign-2", user: 12, session: 12)]))
        try store.write(Rows.batch([Rows.event(at: day + 12 * hour + 5, path: "/own-2", user: 12, session: 12)]))
        try await ColumnarQueries.expectSameAnswers(store, step: "foreign then own")

        // Foreign sessions alone.
        try other.write(
            Rows.batch(
                [],
                [
                    Rows.session(
                        7, user: 7, start: day + 2 * 86_400, last: day + 2 * 86_400 + 60, pageviews: 2, events: 2,
                        entry: "/foreign", exit: "/own", source: "DuckDuckGo", country: "NL")
                ]))
        try await ColumnarQueries.expectSameAnswers(store, step: "foreign sessions only")
    }
}
