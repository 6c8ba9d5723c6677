import Testing

@testable import PerchStats

/// Inputs that once reached SQLite or memory unchecked: NUL in filter values, prop keys SQLite's
/// JSON path cannot quote, and time labels over absurd ranges.
@Suite struct StatsHardeningTests {
    static let now: Int64 = 1_764_000_000

    static func validated(_ body: String) throws(QueryError) -> ValidatedQuery {
        try ValidatedQuery(try QueryParser.parse(body: Array(body.utf8)), siteKey: 1, timeZone: .utc, now: now)
    }

    @Test func nulInAFilterValueIsRefused() {
        #expect(throws: QueryError.self) {
            try Self.validated(
                #"{"site_id":"a.com","metrics":["visitors"],"date_range":"day","#
                    + #""filters":[["contains","event:page",["\u0000"]]]}"#)
        }
    }

    @Test(arguments: ["a\"b", "a\u{0}b"])
    func unquotablePropKeysReadAsAbsent(key: String) {
        let fragment = SQLiteDialect().propValue("e.props", key: key).render(SQLiteDialect())
        #expect(fragment.sql == "NULL")
        #expect(fragment.parameters.isEmpty)
        let plain = SQLiteDialect().propValue("e.props", key: "plan").render(SQLiteDialect())
        #expect(plain.parameters == [.text("$.\"plan\"")])
    }

    @Test func timeLabelsOverAbsurdRangesAreRefused() throws {
        #expect(throws: QueryError.self) {
            try Self.validated(
                #"{"site_id":"a.com","metrics":["visitors"],"date_range":["0001-01-01","9999-12-31"],"#
                    + #""dimensions":["time:hour"],"include":{"time_labels":true}}"#)
        }
        let months = try Self.validated(
            #"{"site_id":"a.com","metrics":["visitors"],"date_range":["2000-01-01","2025-12-31"],"#
                + #""dimensions":["time:month"],"include":{"time_labels":true}}"#)
        #expect(months.range.labels(.month).count == 312)
    }
}
