import Foundation
import PerchCore
import PerchStats

/// The planner's golden files, shared by the SQLite (`PerchStatsTests`) and ClickHouse
/// (`PerchClickHouseTests`) planner tests: the representative queries, planning one with a
/// store's dialect at a fixed `now` and goals, and comparing the SQL it writes with the case's
/// `<name>.sql` in the test's golden folder. With `PERCH_REGENERATE_GOLDEN=1` in the environment
/// the file is rewritten instead (review the diff after an intended change).
package struct PlannerGoldenCases: Sendable {
    /// How a statement is written to its golden file.
    package enum Rendering: Sendable {
        /// The SQL, then a `-- parameters:` line with its bound values (a dialect with placeholders).
        case sqlAndParameters
        /// The SQL alone (a dialect that writes values as literals).
        case sql
    }

    /// One case: its name (the golden file's, without `.sql`), the site's time zone, the query body.
    package typealias Case = (String, String, String)

    package static let now: Int64 = 1_785_000_000  // 2026-07-25 17:20 UTC
    package static let goals: [Goal] = [.event("Signup"), .page("/blog/**"), .event("Purchase", currency: "EUR")]

    /// The cases every store pins.
    package static let common: [Case] = [
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
    ]

    /// The common cases, then the store's own.
    package let cases: [Case]
    private let dialect: any SQLDialect
    private let rendering: Rendering
    private let directory: URL

    /// - Parameters:
    ///   - directory: where the golden files are (the test's `Golden` folder).
    ///   - extraCases: cases this store pins beside the common ones.
    package init(dialect: some SQLDialect, rendering: Rendering, directory: URL, extraCases: [Case] = []) {
        self.dialect = dialect
        self.rendering = rendering
        self.directory = directory
        self.cases = Self.common + extraCases
    }

    /// The planned statements of `body` for site 7 in time zone `zone`.
    package func plan(_ body: String, zone: String) throws -> PlannedQuery {
        let query = try QueryParser.parse(body: Array(body.utf8))
        let validated = try ValidatedQuery(
            query, siteKey: 7, timeZone: SiteTimeZone(identifier: zone)!, now: Self.now, goals: Self.goals)
        return Self.plan(validated, with: dialect)
    }

    /// What is wrong with the golden file of a case (it is missing or differs from what the planner
    /// writes now), or nil. With `PERCH_REGENERATE_GOLDEN=1` it writes the file and answers nil.
    package func mismatch(name: String, zone: String, body: String) throws -> String? {
        let planned = try plan(body, zone: zone)
        var rendered = text(planned.main)
        if let total = planned.totalRows { rendered += "\n" + text(total) }
        let file = directory.appendingPathComponent(name + ".sql")
        if ProcessInfo.processInfo.environment["PERCH_REGENERATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try rendered.write(to: file, atomically: true, encoding: .utf8)
            return nil
        }
        let expected = try? String(contentsOf: file, encoding: .utf8)
        if expected == rendered { return nil }
        return """
            \(name).sql differs; rerun with PERCH_REGENERATE_GOLDEN=1 and review the diff
            --- \(file.path)
            \(expected ?? "(no such file)")
            --- planned
            \(rendered)
            """
    }

    private static func plan(_ validated: ValidatedQuery, with dialect: some SQLDialect) -> PlannedQuery {
        QueryPlanner(dialect: dialect).plan(validated)
    }

    private func text(_ statement: PlannedStatement) -> String {
        switch rendering {
        case .sql:
            return statement.sql + ";\n"
        case .sqlAndParameters:
            let parameters = statement.parameters.map { value -> String in
                switch value {
                case .null: "NULL"
                case .integer(let number): String(number)
                case .real(let number): String(number)
                case .text(let text): "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
                }
            }
            return statement.sql + ";\n-- parameters: " + parameters.joined(separator: ", ") + "\n"
        }
    }
}
