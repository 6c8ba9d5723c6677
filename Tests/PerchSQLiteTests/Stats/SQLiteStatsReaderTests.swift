import PerchCore
import PerchStats
import Testing

@testable import PerchSQLite

/// The executor against a real SQLite file: planned statements with bound parameters, the
/// `regexp` function, goals and the realtime count.
@Suite struct SQLiteStatsReaderTests {
    static let range = #""date_range":["2025-11-20","2025-11-21"]"#

    func results(_ json: JSONValue) -> [JSONValue] {
        guard case .array(let rows)? = json["results"] else { return [] }
        return rows
    }

    /// `dimension[0] → metrics` of a breakdown.
    func table(_ json: JSONValue) -> [String: [JSONValue]] {
        var out: [String: [JSONValue]] = [:]
        for row in results(json) {
            guard case .array(let dimensions)? = row["dimensions"], case .array(let metrics)? = row["metrics"] else {
                continue
            }
            out[dimensions.map(\.json).joined(separator: ",")] = metrics
        }
        return out
    }

    @Test func aggregateMetrics() async throws {
        let folder = TemporaryFolder()
        let store = try StatsDataset.store(in: folder)
        let json = try await StatsDataset.answer(
            #"{"site_id":"example.com","metrics":["visitors","visits","pageviews","bounce_rate","visit_duration","#
                + #""events"],\#(Self.range)}"#, store: store)
        #expect(table(json)[""] == [.int(3), .int(3), .int(5), .int(33), .int(50), .int(6)])
    }

    @Test func breakdownByPage() async throws {
        let folder = TemporaryFolder()
        let store = try StatsDataset.store(in: folder)
        let json = try await StatsDataset.answer(
            #"{"site_id":"example.com","metrics":["visitors","pageviews"],"dimensions":["event:page"],"#
                + #"\#(Self.range)}"#, store: store)
        #expect(
            table(json) == [
                #""/""#: [.int(2), .int(2)], #""/pricing""#: [.int(2), .int(2)], #""/blog""#: [.int(1), .int(1)],
            ])
        #expect(results(json).first?["dimensions"] != .array([.string("/blog")]))
    }

    @Test func dailyTimeseriesWithLabels() async throws {
        let folder = TemporaryFolder()
        let store = try StatsDataset.store(in: folder)
        let json = try await StatsDataset.answer(
            #"{"site_id":"example.com","metrics":["visitors"],"dimensions":["time:day"],"#
                + #""date_range":["2025-11-19","2025-11-21"],"include":{"time_labels":true}}"#, store: store)
        #expect(table(json) == [#""2025-11-20""#: [.int(2)], #""2025-11-21""#: [.int(1)]])
        #expect(
            json["meta"]?["time_labels"] == .array(["2025-11-19", "2025-11-20", "2025-11-21"].map(JSONValue.string)))
    }

    @Test(arguments: [
        (#"["matches","event:page",["^/pri"]]"#, 2),
        (#"["contains","event:page",["PRIC"],{"case_sensitive":false}]"#, 2),
        (#"["contains","event:page",["PRIC"]]"#, 0),
        (#"["matches_wildcard","event:page",["/b*"]]"#, 1),
        (#"["is_not","event:page",["/"]]"#, 2),
        (#"["is","event:props:plan",["pro"]]"#, 1),
        (#"["is","event:page",["'; DROP TABLE events; --"]]"#, 0),
        (#"["matches","event:page",["(unclosed"]]"#, 0),
    ])
    func filters(filter: String, visitors: Int64) async throws {
        let folder = TemporaryFolder()
        let store = try StatsDataset.store(in: folder)
        let json = try await StatsDataset.answer(
            #"{"site_id":"example.com","metrics":["visitors"],"filters":[\#(filter)],\#(Self.range)}"#, store: store)
        #expect(table(json)[""] == [.int(visitors)])
        var count = 0
        try store.exportEvents(siteID: 1) { _ in count += 1 }
        #expect(count == 6)
    }

    @Test func goalConversionRate() async throws {
        let folder = TemporaryFolder()
        let store = try StatsDataset.store(in: folder)
        #expect(try store.addGoal(.event("Signup"), domain: "example.com"))
        #expect(try store.addGoal(.page("/pri*"), domain: "example.com"))
        let json = try await StatsDataset.answer(
            #"{"site_id":"example.com","metrics":["visitors","conversion_rate"],"dimensions":["event:goal"],"#
                + #"\#(Self.range)}"#, store: store)
        #expect(
            table(json) == [#""Signup""#: [.int(1), .double(33.33)], #""Visit /pri*""#: [.int(2), .double(66.67)]])
        let filtered = try await StatsDataset.answer(
            #"{"site_id":"example.com","metrics":["conversion_rate"],"filters":[["is","event:goal",["Signup"]]],"#
                + #"\#(Self.range)}"#, store: store)
        #expect(table(filtered)[""] == [.double(33.33)])
    }

    @Test func goalsStore() throws {
        let store = SQLiteStore(database: try SQLiteDatabase.inMemory())
        try store.addSite(domain: "example.com")
        #expect(try store.addGoal(.event("Purchase", currency: "EUR"), domain: "example.com"))
        #expect(try store.addGoal(.event("Purchase"), domain: "example.com") == false)
        #expect(try store.addGoal(.page("/thanks"), domain: "example.com"))
        #expect(try store.goals(domain: "example.com") == [.event("Purchase", currency: "EUR"), .page("/thanks")])
        #expect(try store.removeGoal(.event("Purchase"), domain: "example.com"))
        #expect(try store.removeGoal(.event("Purchase"), domain: "example.com") == false)
        #expect(try store.goals(domain: "example.com") == [.page("/thanks")])
        #expect(throws: SQLiteStoreError.unknownSite(domain: "nope.com")) {
            try store.addGoal(.event("X"), domain: "nope.com")
        }
    }

    @Test func apiKeysStoreOnlyTheHash() async throws {
        let store = SQLiteStore(database: try SQLiteDatabase.inMemory())
        try store.addSite(domain: "example.com")
        let scoped = try store.createAPIKey(secret: "secret-one-abcdef", domain: "www.Example.com", hourlyLimit: 5)
        let global = try store.createAPIKey(secret: "secret-two-abcdef", domain: nil)
        #expect(scoped.siteDomain == "example.com")
        #expect(scoped.prefix == "secret-o")
        #expect(try await store.apiKey(hash: APIKey.hash("secret-one-abcdef")) == scoped)
        #expect(try await store.apiKey(hash: APIKey.hash("secret-two-abcdef"))?.hourlyLimit == 600)
        #expect(try await store.apiKey(hash: "secret-one-abcdef") == nil)
        #expect(try store.apiKeys().map(\.id) == [scoped.id, global.id])
        #expect(try store.revokeAPIKey(id: scoped.id))
        #expect(try store.revokeAPIKey(id: scoped.id) == false)
        #expect(try await store.apiKey(hash: APIKey.hash("secret-one-abcdef")) == nil)
        #expect(throws: SQLiteStoreError.unknownSite(domain: "nope.com")) {
            try store.createAPIKey(secret: "x", domain: "nope.com")
        }
    }

    @Test func realtimeVisitorsCountRecentSessions() async throws {
        let folder = TemporaryFolder()
        let store = try StatsDataset.store(in: folder)
        let lastOfSession30 = StatsDataset.start + 86_430
        #expect(try await store.currentVisitors(siteID: 1, since: lastOfSession30) == 1)
        #expect(try await store.currentVisitors(siteID: 1, since: StatsDataset.start) == 3)
        #expect(try await store.currentVisitors(siteID: 2, since: 0) == 0)
        #expect(try await store.statsSite(domain: "example.com")?.firstEventAt == StatsDataset.start)
    }

    @Test func regexpCachesAndFoldsCase() {
        let regexp = SQLiteRegexp()
        #expect(regexp.matches(pattern: "(?i)^/PRICING$", value: "/pricing") == true)
        #expect(regexp.matches(pattern: "^/PRICING$", value: "/pricing") == false)
        #expect(regexp.matches(pattern: "[", value: "[") == false)
        #expect(regexp.matches(pattern: "ü", value: "/checkout/ü") == true)
    }

    /// A match in progress stops at the query's deadline (ICU reports progress while it
    /// backtracks), and every later call of the same query fails at once.
    @Test func regexpStopsAtItsDeadline() {
        let regexp = SQLiteRegexp(limitSeconds: 0)
        let value = String(repeating: "a", count: 28) + "!"
        #expect(regexp.matches(pattern: "^(a+)+$", value: value) == nil)
        #expect(regexp.matches(pattern: "^a", value: "a") == nil)
        let relaxed = SQLiteRegexp(limitSeconds: 60)
        #expect(relaxed.matches(pattern: "^(a+)+$", value: value) == false)
        #expect(relaxed.matches(pattern: "^a", value: "a") == true)
    }

    @Test func aQueryPastTheRegexDeadlineIsRefusedAsTimedOut() async throws {
        let folder = TemporaryFolder()
        var store = try StatsDataset.store(in: folder)
        store.regexTimeLimitSeconds = 0
        await #expect(throws: StatsReadError.timedOut(seconds: 0)) {
            _ = try await StatsDataset.answer(
                #"{"site_id":"example.com","metrics":["visitors"],"filters":[["matches","event:page",["^/"]]],"#
                    + Self.range + "}", store: store)
        }
    }

    @Test func overlongPatternsAreRefused() async throws {
        let folder = TemporaryFolder()
        let store = try StatsDataset.store(in: folder)
        let pattern = String(repeating: "a", count: FilterParser.maxPatternBytes + 1)
        await #expect(throws: QueryError.self) {
            _ = try await StatsDataset.answer(
                #"{"site_id":"example.com","metrics":["visitors"],"filters":[["matches","event:page",[""#
                    + pattern + #""]]],"# + Self.range + "}", store: store)
        }
    }
}
