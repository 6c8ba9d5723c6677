import Glibc
import PerchClickHouse
import PerchCore
import PerchJournal
import PerchSQLite
import PerchStats
import Testing

/// The Stats API on ClickHouse answers as on SQLite: the same journal written through both stores
/// (in small batches, so ClickHouse holds superseded session states with their `-1` rows), then
/// the same queries, whose whole responses must be equal.
@Suite struct ClickHouseStatsComparisonTests {
    static let site = #""site_id":"cmp.example""#
    static let week = #""date_range":["2026-03-25","2026-03-31"]"#

    static let queries: [String] = [
        #"{\#(site),"metrics":["visitors","visits","pageviews","events","bounce_rate","visit_duration","views_per_visit"],\#(week)}"#,
        #"{\#(site),"metrics":["visitors","visits","pageviews","bounce_rate","scroll_depth","time_on_page"],\#(week),"dimensions":["event:page"]}"#,
        #"{\#(site),"metrics":["visitors","bounce_rate","visit_duration","percentage"],\#(week),"dimensions":["visit:source"],"include":{"total_rows":true},"pagination":{"limit":2,"offset":1}}"#,
        #"{\#(site),"metrics":["visitors","visits","bounce_rate"],\#(week),"dimensions":["visit:country"]}"#,
        #"{\#(site),"metrics":["visitors","visits","bounce_rate","visit_duration"],\#(week),"dimensions":["visit:entry_page"]}"#,
        #"{\#(site),"metrics":["visitors","visits"],\#(week),"dimensions":["visit:exit_page"],"order_by":[["visits","desc"]]}"#,
        #"{\#(site),"metrics":["visitors","events","conversion_rate","group_conversion_rate"],\#(week),"dimensions":["event:goal"]}"#,
        #"{\#(site),"metrics":["visitors","conversion_rate","group_conversion_rate"],\#(week),"dimensions":["event:goal","visit:browser"]}"#,
        #"{\#(site),"metrics":["visitors","events"],\#(week),"dimensions":["event:props:plan"]}"#,
        #"{\#(site),"metrics":["visitors","visits"],\#(week),"dimensions":["event:props:ref 'x'"]}"#,
        #"{\#(site),"metrics":["visitors","visits","pageviews","bounce_rate"],\#(week),"dimensions":["time:day"],"include":{"time_labels":true}}"#,
        #"{\#(site),"metrics":["visitors","pageviews"],"date_range":["2026-03-29","2026-03-29"],"dimensions":["time:hour"]}"#,
        #"{\#(site),"metrics":["visits","visit_duration"],"date_range":["2026-03-01","2026-03-31"],"dimensions":["time:week"]}"#,
        #"{\#(site),"metrics":["visitors","bounce_rate","pageviews"],\#(week),"filters":[["is","visit:country",["EE","US"]]]}"#,
        #"{\#(site),"metrics":["visitors","bounce_rate","visit_duration"],\#(week),"filters":[["contains","event:page",["BLOG"],{"case_sensitive":false}]]}"#,
        #"{\#(site),"metrics":["visitors","pageviews"],\#(week),"dimensions":["event:page"],"filters":[["matches","event:page",["^/blog/[a-z]+$"]]]}"#,
        #"{\#(site),"metrics":["visitors","pageviews"],\#(week),"dimensions":["visit:source"],"filters":[["is_not","visit:source",["It's \\ odd"]]]}"#,
        #"{\#(site),"metrics":["visitors","visits"],\#(week),"filters":[["is","visit:source",["It's \\ odd"]]]}"#,
        #"{\#(site),"metrics":["visitors","pageviews","bounce_rate"],\#(week),"filters":[["is","visit:entry_page",["/about","/"]]]}"#,
        #"{\#(site),"metrics":["visitors","pageviews"],\#(week),"filters":[["is","visit:exit_page",["/pricing"]]]}"#,
        #"{\#(site),"metrics":["visitors","pageviews"],\#(week),"dimensions":["event:page"],"filters":[["or",[["is","visit:exit_page",["/pricing"]],["contains","visit:entry_page",["blog"]]]]]}"#,
        #"{\#(site),"metrics":["visits","bounce_rate"],\#(week),"filters":[["or",[["is","event:page",["/about"]],["is","visit:entry_page",["/Café"]]]]]}"#,
        #"{\#(site),"metrics":["visitors","visits"],\#(week),"dimensions":["visit:exit_page"],"filters":[["is","visit:exit_page",["/blog/a"]]]}"#,
        #"{\#(site),"metrics":["visitors","bounce_rate"],\#(week),"filters":[["has_done",["is","event:name",["Signup"]]]]}"#,
        #"{\#(site),"metrics":["visitors","events"],\#(week),"dimensions":["event:name"],"filters":[["has_not_done",["is","event:page",["/Café"]]]]}"#,
        #"{\#(site),"metrics":["total_revenue","average_revenue","visitors"],\#(week),"filters":[["is","event:goal",["Purchase"]]]}"#,
        #"{\#(site),"metrics":["visitors","percentage"],\#(week),"dimensions":["visit:browser"],"order_by":[["visit:browser","asc"]]}"#,
        #"{\#(site),"metrics":["visitors","pageviews"],\#(week),"dimensions":["event:page"],"filters":[["matches_wildcard","event:page",["/blog/**"]],["is","event:props:plan",["pro"]]]}"#,
        #"{\#(site),"metrics":["visitors","visits","bounce_rate"],"date_range":["2026-01-01","2026-01-31"]}"#,
        #"{\#(site),"metrics":["visitors"],\#(week),"filters":[["contains","visit:source",["' OR 1=1 --","\\' OR '1'='1"]]]}"#,
    ]

    @Test func answersEqualSQLitesOnTheSameEvents() async throws {
        let sqlite = SQLiteStore(database: try .inMemory())
        _ = try sqlite.addSite(domain: StatsComparisonWorld.domain, timezone: StatsComparisonWorld.timezone)
        for goal in StatsComparisonWorld.goals { try sqlite.addGoal(goal, domain: StatsComparisonWorld.domain) }
        try await ClickHouseTestServer.withMigratedDatabase { (client: ClickHouseClient) async throws in
            try await Self.storeConfiguration(client)
            let store = ClickHouseEventStore(
                client: client, node: "node-a", clock: ManualWallClock(seconds: StatsComparisonWorld.now))
            try Self.writeJournal(store, sqlite)
            let reader = ClickHouseStatsReader(client: client)
            for body in Self.queries {
                let expected = try await Self.answer(body, reader: sqlite, dialect: SQLiteDialect())
                #expect(
                    !Self.results(expected).isEmpty || body.contains("2026-01-01") || body.contains("OR 1=1"),
                    "no results for \(body)")
                do {
                    let actual = try await Self.answer(body, reader: reader, dialect: reader.dialect)
                    #expect(actual == expected, "\(body)\nSQLite:     \(expected.json)\nClickHouse: \(actual.json)")
                } catch {
                    Issue.record("\(body)\n\(error)")
                }
            }
        }
    }

    /// Random queries (a fixed seed, `PERCH_CH_STATS_SEED` to replay another) answer alike: the
    /// same response, the same refusal, or (a planner bug on both) an error on both.
    @Test func randomQueriesAnswerAlike() async throws {
        let seed = getenv("PERCH_CH_STATS_SEED").flatMap { UInt64(String(cString: $0)) } ?? 20_261_206
        let sqlite = SQLiteStore(database: try .inMemory())
        _ = try sqlite.addSite(domain: StatsComparisonWorld.domain, timezone: StatsComparisonWorld.timezone)
        for goal in StatsComparisonWorld.goals { try sqlite.addGoal(goal, domain: StatsComparisonWorld.domain) }
        try await ClickHouseTestServer.withMigratedDatabase { (client: ClickHouseClient) async throws in
            try await Self.storeConfiguration(client)
            try Self.writeJournal(
                ClickHouseEventStore(
                    client: client, node: "node-a", clock: ManualWallClock(seconds: StatsComparisonWorld.now)), sqlite)
            let reader = ClickHouseStatsReader(client: client)
            var draws = RandomStatsQueries(seed: seed)
            var answered = 0
            for _ in 0..<Self.randomQueries {
                let body = draws.next()
                let expected: Result<JSONValue, any Error>
                do {
                    expected = .success(try await Self.answer(body, reader: sqlite, dialect: SQLiteDialect()))
                } catch {
                    expected = .failure(error)
                }
                let actual: Result<JSONValue, any Error>
                do {
                    actual = .success(try await Self.answer(body, reader: reader, dialect: reader.dialect))
                } catch {
                    actual = .failure(error)
                }
                switch (expected, actual) {
                case (.success(let sqliteAnswer), .success(let clickHouseAnswer)):
                    answered += 1
                    #expect(
                        clickHouseAnswer == sqliteAnswer,
                        "seed \(seed): \(body)\nSQLite:     \(sqliteAnswer.json)\nClickHouse: \(clickHouseAnswer.json)")
                case (.failure(let sqliteError as QueryError), .failure(let clickHouseError as QueryError)):
                    #expect(sqliteError.message == clickHouseError.message, "seed \(seed): \(body)")
                case (.failure(let sqliteError), .failure(let clickHouseError)):
                    #expect(!(sqliteError is QueryError) && !(clickHouseError is QueryError), "seed \(seed): \(body)")
                case (.success, .failure(let error)):
                    Issue.record("seed \(seed): \(body)\nonly ClickHouse failed: \(error)")
                case (.failure(let error), .success):
                    Issue.record("seed \(seed): \(body)\nonly SQLite failed: \(error)")
                }
            }
            // Most draws are valid queries: make sure enough were compared.
            #expect(answered >= Self.randomQueries / 3, "only \(answered) answered")
        }
    }

    static let randomQueries = 120

    static func writeJournal(_ store: ClickHouseEventStore, _ sqlite: SQLiteStore) throws {
        let journal = StatsComparisonWorld.journal()
        for from in stride(from: 0, to: journal.count, by: 9) {
            let batch = StoreBatch(collapsing: Array(journal[from..<min(from + 9, journal.count)]))
            try store.write(batch)
            try sqlite.write(batch)
        }
    }

    /// Every golden statement is accepted by the server (on an empty database, so shape only).
    @Test func goldenStatementsRun() async throws {
        try await ClickHouseTestServer.withMigratedDatabase { (client: ClickHouseClient) async throws in
            let reader = ClickHouseStatsReader(client: client)
            for (name, zone, body) in ClickHousePlannerGoldenTests.goldens.cases {
                let planned = try ClickHousePlannerGoldenTests.goldens.plan(body, zone: zone)
                for statement in [planned.main] + (planned.totalRows.map { [$0] } ?? []) {
                    do {
                        _ = try await reader.rows(statement)
                    } catch {
                        Issue.record("\(name): \(error)")
                    }
                }
            }
        }
    }

    /// The site and its goals as rows of migration 2's tables.
    static func storeConfiguration(_ client: ClickHouseClient) async throws {
        try await StatsSiteRows.insert(
            siteID: StatsComparisonWorld.siteID, domain: StatsComparisonWorld.domain,
            zone: StatsComparisonWorld.timezone, goals: StatsComparisonWorld.goals, firstGoalID: 1, client)
    }

    /// The `results` of a response.
    static func results(_ response: JSONValue) -> [JSONValue] {
        guard case .object(let members) = response,
            case .array(let rows)? = members.first(where: { $0.0 == "results" })?.1
        else { return [] }
        return rows
    }

    /// A query body answered the way the server answers it.
    static func answer(_ body: String, reader: any StatsReader, dialect: some SQLDialect) async throws -> JSONValue {
        let query = try QueryParser.parse(body: Array(body.utf8))
        let site = try #require(try await reader.statsSite(domain: query.siteID))
        return try await StatsQueryService(reader: reader, dialect: dialect)
            .answer(query, site: site, now: StatsComparisonWorld.now)
    }
}
