import Foundation
import PerchClickHouse
import PerchStats
import Testing

/// Pins the SQL the planner writes for ClickHouse, for the cases of PerchStatsTests'
/// `PlannerGoldenTests` (same names, bodies and time zones; `Stats/Golden/*.sql` here). Run with
/// `PERCH_REGENERATE_GOLDEN=1` to rewrite them after an intended change, then review the diff.
/// Needs no server: `ClickHouseStatsComparisonTests` runs statements like these on both engines.
@Suite("ClickHouse planner SQL golden files")
struct ClickHousePlannerGoldenTests {
    static let now: Int64 = 1_785_000_000  // 2026-07-25 17:20 UTC
    static let goals: [Goal] = [.event("Signup"), .page("/blog/**"), .event("Purchase", currency: "EUR")]

    static let cases: [(String, String, String)] = [
        (
            "aggregate", "UTC",
            #"{"site_id":"a.com","metrics":["visitors","visits","pageviews","bounce_rate","visit_duration","views_per_visit"],"date_range":"7d"}"#
        ),
        (
            "breakdown-source", "UTC",
            #"{"site_id":"a.com","metrics":["visitors","bounce_rate"],"date_range":"30d","dimensions":["visit:source"],"filters":[["is","visit:country",["EE","DE"]]],"include":{"total_rows":true},"pagination":{"limit":10,"offset":20}}"#
        ),
        (
            "timeseries-berlin", "Europe/Berlin",
            #"{"site_id":"a.com","metrics":["visitors","pageviews"],"date_range":["2026-03-01","2026-03-31"],"dimensions":["time"],"include":{"time_labels":true}}"#
        ),
        (
            "timeseries-hourly", "Europe/Berlin",
            #"{"site_id":"a.com","metrics":["visits","events"],"date_range":["2026-07-20","2026-07-21"],"dimensions":["time"]}"#
        ),
        (
            "pages", "UTC",
            #"{"site_id":"a.com","metrics":["visitors","bounce_rate","scroll_depth","time_on_page"],"date_range":"28d","dimensions":["event:page"]}"#
        ),
        (
            "goals", "UTC",
            #"{"site_id":"a.com","metrics":["visitors","conversion_rate","group_conversion_rate"],"date_range":"month","dimensions":["event:goal","visit:source"]}"#
        ),
        (
            "props-case-insensitive", "UTC",
            #"{"site_id":"a.com","metrics":["visitors","events"],"date_range":["2026-07-20","2026-07-20"],"dimensions":["event:props:plan"],"filters":[["contains","event:page",["Blog"],{"case_sensitive":false}]]}"#
        ),
        (
            "behavioural", "America/New_York",
            #"{"site_id":"a.com","metrics":["visitors","bounce_rate"],"date_range":"91d","filters":[["has_done",["is","event:name",["Signup"]]],["not",["or",[["is","visit:browser",["(not set)"]],["is","visit:os",["Linux"]]]]]]}"#
        ),
        (
            "percentage-browser", "UTC",
            #"{"site_id":"a.com","metrics":["visitors","percentage"],"date_range":"7d","dimensions":["visit:browser"],"order_by":[["visit:browser","asc"]]}"#
        ),
        (
            "wildcard-weekly", "Australia/Sydney",
            #"{"site_id":"a.com","metrics":["pageviews"],"date_range":"12mo","dimensions":["time:week"],"filters":[["matches_wildcard","event:page",["/blog/*|/docs/**"]]]}"#
        ),
        (
            "revenue", "UTC",
            #"{"site_id":"a.com","metrics":["total_revenue","average_revenue"],"date_range":"year","filters":[["is","event:goal",["Purchase"]]]}"#
        ),
        (
            "entry-pages", "UTC",
            #"{"site_id":"a.com","metrics":["visitors","visits","visit_duration"],"date_range":"7d","dimensions":["visit:entry_page"],"filters":[["is_not","event:page",["/admin"]]]}"#
        ),
        (
            "entry-page-filter-pageviews", "UTC",
            #"{"site_id":"a.com","metrics":["visitors","pageviews"],"date_range":"7d","filters":[["is","visit:entry_page",["/"]]]}"#
        ),
    ]

    static var goldenDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    }

    static func plan(_ body: String, zone: String) throws -> PlannedQuery {
        let query = try QueryParser.parse(body: Array(body.utf8))
        let validated = try ValidatedQuery(
            query, siteKey: 7, timeZone: SiteTimeZone(identifier: zone)!, now: now, goals: goals)
        return QueryPlanner(dialect: ClickHouseDialect()).plan(validated)
    }

    @Test("matches its golden file", arguments: cases)
    func golden(name: String, zone: String, body: String) throws {
        let planned = try Self.plan(body, zone: zone)
        var rendered = planned.main.sql + ";\n"
        if let total = planned.totalRows { rendered += "\n" + total.sql + ";\n" }
        let file = Self.goldenDirectory.appendingPathComponent(name + ".sql")
        if ProcessInfo.processInfo.environment["PERCH_REGENERATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.goldenDirectory, withIntermediateDirectories: true)
            try rendered.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let expected = try? String(contentsOf: file, encoding: .utf8)
        #expect(expected == rendered, "\(name).sql differs; rerun with PERCH_REGENERATE_GOLDEN=1 and review the diff")
    }

    /// Values are literals in the text (18.16 has no query parameters): a hostile one stays inside
    /// its quotes, every quote and backslash in it escaped.
    @Test func userValuesStayInsideTheirLiterals() throws {
        let hostile = #"x\' OR 1=1; DROP TABLE events; --"#
        let escaped = #"'x\\\' OR 1=1; DROP TABLE events; --'"#
        let body =
            #"{"site_id":"a.com","metrics":["visitors"],"date_range":"7d","filters":[["is","visit:source",["\#(hostile.replacingOccurrences(of: "\\", with: "\\\\"))"]]]}"#
        let sql = try Self.plan(body, zone: "UTC").sql
        #expect(sql.contains(escaped))
        #expect(sql.components(separatedBy: "DROP").count == 2)
    }

    @Test func placeholdersAreLiterals() {
        let dialect = ClickHouseDialect()
        #expect(dialect.placeholder(1, for: .text("it's\n\\")) == #"'it\'s\n\\'"#)
        #expect(dialect.placeholder(1, for: .integer(-3600)) == "(-3600)")
        #expect(dialect.placeholder(1, for: .integer(42)) == "42")
        #expect(dialect.placeholder(1, for: .real(0.5)) == "0.5")
        #expect(dialect.placeholder(1, for: .null) == "NULL")
    }
}
