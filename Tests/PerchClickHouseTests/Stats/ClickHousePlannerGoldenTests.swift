import Foundation
import PerchClickHouse
import PerchStats
import PerchStatsTestSupport
import Testing

/// Pins the SQL the planner writes for ClickHouse, for `PlannerGoldenCases`' common cases (those
/// PerchStatsTests' `PlannerGoldenTests` pins for SQLite) and one of its own (`Stats/Golden/*.sql`
/// here). Run with `PERCH_REGENERATE_GOLDEN=1` to rewrite them after an intended change, then
/// review the diff.
/// Needs no server: `ClickHouseStatsComparisonTests` runs statements like these on both engines.
@Suite("ClickHouse planner SQL golden files")
struct ClickHousePlannerGoldenTests {
    static let goldens = PlannerGoldenCases(
        dialect: ClickHouseDialect(), rendering: .sql,
        directory: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden"),
        extraCases: [
            (
                "entry-page-filter-pageviews", "UTC",
                #"{"site_id":"a.com","metrics":["visitors","pageviews"],"date_range":"7d","filters":[["is","visit:entry_page",["/"]]]}"#
            )
        ])

    @Test("matches its golden file", arguments: goldens.cases)
    func golden(name: String, zone: String, body: String) throws {
        let mismatch = try Self.goldens.mismatch(name: name, zone: zone, body: body)
        #expect(mismatch == nil)
    }

    /// Values are literals in the text (18.16 has no query parameters): a hostile one stays inside
    /// its quotes, every quote and backslash in it escaped.
    @Test func userValuesStayInsideTheirLiterals() throws {
        let hostile = #"x\' OR 1=1; DROP TABLE events; --"#
        let escaped = #"'x\\\' OR 1=1; DROP TABLE events; --'"#
        let body =
            #"{"site_id":"a.com","metrics":["visitors"],"date_range":"7d","filters":[["is","visit:source",["\#(hostile.replacingOccurrences(of: "\\", with: "\\\\"))"]]]}"#
        let sql = try Self.goldens.plan(body, zone: "UTC").sql
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
