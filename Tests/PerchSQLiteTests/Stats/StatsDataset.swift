import PerchCore
import PerchSQLite
import PerchStats

/// Three visitors over two UTC days on site 1, written through the store's own batch API:
/// session 10 (user 1) views `/` and `/pricing` then signs up; session 20 (user 2) bounces on `/`;
/// session 30 (user 3) views `/blog` and `/pricing` the next day.
enum StatsDataset {
    /// 2025-11-20 10:00:00 UTC.
    static let start: Int64 = 1_763_632_800
    /// 2025-11-25 12:00:00 UTC, "now" for the queries.
    static let now: Int64 = 1_764_072_000

    static func event(
        _ name: String, _ path: String, at offset: Int64, user: UInt64, session: UInt64, props: [Prop] = []
    ) -> EventRecord {
        EventRecord(
            timestamp: start + offset, name: name, siteID: 1, userID: user, sessionID: session,
            hostname: "example.com", pathname: path, props: props)
    }

    static func session(
        _ id: UInt64, user: UInt64, at offset: Int64, duration: Int64, pageviews: Int32, events: Int32,
        entry: String, exit: String
    ) -> SessionRecord {
        SessionRecord(
            sessionID: id, siteID: 1, userID: user, hostname: "example.com", start: start + offset,
            timestamp: start + offset + duration, isBounce: pageviews < 2, entryPage: entry, exitPage: exit,
            exitPageHostname: "example.com", pageviews: pageviews, events: events, duration: UInt32(duration),
            visit: VisitAttributes(), entryProps: [])
    }

    static var batch: StoreBatch {
        StoreBatch(
            events: [
                event("pageview", "/", at: 0, user: 1, session: 10),
                event("pageview", "/pricing", at: 60, user: 1, session: 10),
                event("Signup", "/pricing", at: 120, user: 1, session: 10, props: [Prop(key: "plan", value: "pro")]),
                event("pageview", "/", at: 3600, user: 2, session: 20),
                event("pageview", "/blog", at: 86_400, user: 3, session: 30),
                event("pageview", "/pricing", at: 86_430, user: 3, session: 30),
            ],
            sessions: [
                session(10, user: 1, at: 0, duration: 120, pageviews: 2, events: 3, entry: "/", exit: "/pricing"),
                session(20, user: 2, at: 3600, duration: 0, pageviews: 1, events: 1, entry: "/", exit: "/"),
                session(
                    30, user: 3, at: 86_400, duration: 30, pageviews: 2, events: 2, entry: "/blog", exit: "/pricing"),
            ],
            lastSequence: 1)
    }

    /// A store on a file (the server's configuration: a WAL pool) holding the dataset.
    static func store(in folder: TemporaryFolder) throws -> SQLiteStore {
        let store = try SQLiteStore(path: folder.path + "/perch.sqlite3")
        let site = try store.addSite(domain: "example.com")
        precondition(site.id == 1)
        try store.write(batch)
        return store
    }

    /// Runs a query body against `store` the way the server does.
    static func answer(_ body: String, store: SQLiteStore, now: Int64 = StatsDataset.now) async throws -> JSONValue {
        let query = try QueryParser.parse(body: Array(body.utf8))
        guard let site = try await store.statsSite(domain: query.siteID) else { throw QueryError("no site") }
        return try await StatsQueryService(reader: store, dialect: SQLiteDialect()).answer(query, site: site, now: now)
    }
}
