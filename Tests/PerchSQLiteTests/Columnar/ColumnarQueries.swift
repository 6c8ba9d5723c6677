import PerchCore
import PerchStats
import Testing

@testable import PerchSQLite

/// Plain Stats API queries (the ones the column cache answers) asked of a store both ways: with
/// its column cache and by SQL alone (`SQLOnlyReader`). The answers must be equal, and the column
/// path must really have been taken.
enum ColumnarQueries {
    /// 2025-11-25 12:00:00 UTC.
    static let now = ColumnarRows.day + 5 * 86_400 + 12 * 3_600
    /// Where the tests load a site's columns: early enough for every range below (and its
    /// seven days of session look-back).
    static let loadFrom = ColumnarRows.day - 60 * 86_400

    static let allMetrics =
        #""visitors","visits","pageviews","events","bounce_rate","visit_duration","views_per_visit""#
    static let sessionMetrics = #""visitors","visits","bounce_rate","visit_duration""#
    /// `views_per_visit` is for aggregates only.
    static let timeMetrics = #""visitors","visits","pageviews","events","bounce_rate","visit_duration""#
    static let ranges = [
        #""day""#, #""7d""#, #"["2025-11-20","2025-11-21"]"#, #"["2025-11-19","2025-11-25"]"#,
        #"["2025-11-22","2025-11-22"]"#, #""30d""#, #""month""#, #""all""#,
    ]

    /// The query bodies for `domain`.
    static func bodies(domain: String) -> [String] {
        var bodies: [String] = []
        func add(_ metrics: String, _ dimension: String?, _ range: String) {
            let dimensions = dimension.map { #","dimensions":["\#($0)"]"# } ?? ""
            bodies.append(#"{"site_id":"\#(domain)","metrics":[\#(metrics)]\#(dimensions),"date_range":\#(range)}"#)
        }
        for range in ranges {
            add(allMetrics, nil, range)
            add(#""visitors","pageviews","events""#, "event:page", range)
            add(#""visitors","events""#, "event:name", range)
            add(#""visitors","pageviews""#, "event:hostname", range)
            for dimension in [
                "visit:source", "visit:country", "visit:entry_page", "visit:exit_page", "visit:browser", "visit:device",
                "visit:utm_source",
            ] {
                add(sessionMetrics, dimension, range)
            }
            add(timeMetrics, "time:day", range)
            add(#""visitors","percentage""#, "visit:country", range)
            add(#""visitors","pageviews","percentage""#, "event:page", range)
        }
        add(timeMetrics, "time:hour", #""day""#)
        add(timeMetrics, "time:hour", #"["2025-11-20","2025-11-21"]"#)
        add(#""visitors","visits""#, "time:hour", #"["2025-11-22","2025-11-22"]"#)
        return bodies
    }

    static func answer(_ body: String, reader: any StatsReader) async throws -> JSONValue {
        let query = try QueryParser.parse(body: Array(body.utf8))
        guard let site = try await reader.statsSite(domain: query.siteID) else { throw QueryError("no site") }
        return try await StatsQueryService(reader: reader, dialect: SQLiteDialect()).answer(query, site: site, now: now)
    }

    /// The request the planner makes of `store` for `body`.
    static func request(_ body: String, store: SQLiteStore) async throws -> PrecomputeRequest? {
        let query = try QueryParser.parse(body: Array(body.utf8))
        guard let site = try await store.statsSite(domain: query.siteID) else { throw QueryError("no site") }
        let zone = SiteTimeZone(identifier: site.site.timezone) ?? .utc
        let validated = try ValidatedQuery(
            query, siteKey: site.site.id, timeZone: zone, now: now, goals: [],
            statsStart: site.firstEventAt.map(zone.date(atUTC:)))
        return QueryPlanner(dialect: SQLiteDialect()).precomputeRequest(validated)
    }

    /// How many bodies the store's columns answer differently from SQL alone.
    static func differingAnswers(_ store: SQLiteStore, domain: String = "example.com") async throws -> Int {
        var differing = 0
        for body in bodies(domain: domain) {
            let cached = try await answer(body, reader: store)
            let reference = try await answer(body, reader: SQLOnlyReader(store: store))
            if cached != reference { differing += 1 }
        }
        return differing
    }

    /// Every body answered through the store's columns equals the SQL-only answer, and the
    /// columns could answer it.
    static func expectSameAnswers(
        _ store: SQLiteStore, domain: String = "example.com", step: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        for body in bodies(domain: domain) {
            let request = try await request(body, store: store)
            #expect(request != nil, "\(step): not precomputable: \(body)", sourceLocation: sourceLocation)
            if let request {
                // A site's first query starts loading its columns in the background and is answered
                // by SQL: wait (polling, 60 s at most) until the columns answer.
                var groups = try await store.precomputedGroups(request)
                let deadline = ContinuousClock.now + .seconds(60)
                while groups == nil, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(20))
                    groups = try await store.precomputedGroups(request)
                }
                #expect(groups != nil, "\(step): columns did not answer \(body)", sourceLocation: sourceLocation)
            }
            let cached = try await answer(body, reader: store)
            let reference = try await answer(body, reader: SQLOnlyReader(store: store))
            // Compared as JSON text: a failure then prints two readable lines.
            #expect(cached.json == reference.json, "\(step): \(body)", sourceLocation: sourceLocation)
        }
    }
}
