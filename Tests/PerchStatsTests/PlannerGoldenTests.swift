import Foundation
import PerchStatsTestSupport
import Testing

@testable import PerchStats

/// Pins the SQL the planner writes for representative queries (`PlannerGoldenCases`' common
/// cases, SQL and bound parameters). Run with `PERCH_REGENERATE_GOLDEN=1` to rewrite `Golden/*.sql`
/// after an intended change, then review the diff.
@Suite("Planner SQL golden files")
struct PlannerGoldenTests {
    static let goldens = PlannerGoldenCases(
        dialect: SQLiteDialect(), rendering: .sqlAndParameters,
        directory: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden"))

    @Test("matches its golden file", arguments: goldens.cases)
    func golden(name: String, zone: String, body: String) throws {
        let mismatch = try Self.goldens.mismatch(name: name, zone: zone, body: body)
        #expect(mismatch == nil)
    }

    @Test func placeholdersMatchParameters() throws {
        for (_, zone, body) in Self.goldens.cases {
            let planned = try Self.goldens.plan(body, zone: zone)
            #expect(planned.sql.filter { $0 == "?" }.count == planned.parameters.count)
        }
    }

    @Test func userValuesNeverReachTheText() throws {
        let hostile = "x' OR 1=1; DROP TABLE events; --"
        let body =
            #"{"site_id":"a.com","metrics":["visitors"],"date_range":"7d","dimensions":["event:props:\#(hostile)"],"filters":[["is","visit:source",["\#(hostile)"]],["contains","event:page",["\#(hostile)"]]]}"#
        let planned = try Self.goldens.plan(body, zone: "UTC")
        #expect(!planned.sql.contains("DROP"))
        #expect(planned.parameters.contains(.text(hostile)))
    }
}
