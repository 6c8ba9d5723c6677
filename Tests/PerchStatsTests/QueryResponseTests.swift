import Testing

@testable import PerchStats

@Suite("Response shaping")
struct QueryResponseTests {
    static func validated(_ body: String) throws -> (ValidatedQuery, PlannedQuery) {
        let query = try QueryParser.parse(body: Array(body.utf8))
        let validated = try ValidatedQuery(
            query, siteKey: 1, timeZone: SiteTimeZone(identifier: "Europe/Tallinn")!, now: 1_785_000_000)
        return (validated, QueryPlanner(dialect: SQLiteDialect()).plan(validated))
    }

    @Test func breakdownShape() throws {
        let (query, plan) = try Self.validated(
            #"{"site_id":"a.com","metrics":["visitors","bounce_rate","percentage"],"date_range":["2026-07-01","2026-07-03"],"dimensions":["time:day","visit:source"],"include":{"time_labels":true,"total_rows":true},"pagination":{"limit":2}}"#
        )
        let rows: [[SQLValue]] = [
            [.text("2026-07-01"), .text("Direct / None"), .integer(3), .real(33.0), .real(66.666666)],
            [.text("2026-07-02"), .text("Google"), .integer(1), .real(100.0), .null],
        ]
        let body = QueryResponse.body(query: query, plan: plan, rows: rows, totalRows: 5).json
        let expected =
            #"{"results":[{"metrics":[3,33,66.67],"dimensions":["2026-07-01","Direct / None"]},"#
            + #"{"metrics":[1,100,null],"dimensions":["2026-07-02","Google"]}],"#
            + #""meta":{"time_labels":["2026-07-01","2026-07-02","2026-07-03"],"total_rows":5},"#
            + #""query":{"site_id":"a.com","metrics":["visitors","bounce_rate","percentage"],"#
            + #""date_range":["2026-07-01T00:00:00+03:00","2026-07-03T23:59:59+03:00"],"filters":[],"#
            + #""dimensions":["time:day","visit:source"],"order_by":[["time:day","asc"],["visitors","desc"]],"#
            + #""include":{"time_labels":true,"total_rows":true},"pagination":{"offset":0,"limit":2}}}"#
        #expect(body == expected)
    }

    @Test func echoCanBePostedAgain() throws {
        let (query, _) = try Self.validated(
            #"{"site_id":"a.com","metrics":["visitors"],"date_range":"7d","dimensions":["time"],"filters":[["is_not","visit:country",["EE"],{"case_sensitive":false}],["not",["contains","event:page",["/a"]]]]}"#
        )
        let echo = QueryResponse.echo(query)
        let again = try ValidatedQuery(
            QueryParser.parse(echo), siteKey: 1, timeZone: SiteTimeZone(identifier: "Europe/Tallinn")!,
            now: 1_785_000_000)
        #expect(again.range.from == query.range.from)
        #expect(again.range.to == query.range.to)
        #expect(again.query.filters == query.query.filters)
        #expect(again.dimensions == query.dimensions)
        #expect(QueryResponse.echo(again) == echo)
    }

    @Test func aggregateHasEmptyDimensions() throws {
        let (query, plan) = try Self.validated(
            #"{"site_id":"a.com","metrics":["visitors","views_per_visit"],"date_range":"day"}"#)
        let body = QueryResponse.body(query: query, plan: plan, rows: [[.integer(0), .real(1.666)]])
        #expect(
            body["results"]
                == .array([
                    .object([
                        ("metrics", .array([.int(0), .double(1.67)])),
                        ("dimensions", .array([])),
                    ])
                ]))
        #expect(body["meta"] == .object([]))
    }

    @Test func revenueNeedsACurrency() {
        #expect(QueryResponse.metricValue(.totalRevenue, .real(1234.5), currency: nil) == .null)
        #expect(
            QueryResponse.metricValue(.totalRevenue, .real(1234.5), currency: "EUR")
                == .object([
                    ("value", .double(1234.5)), ("currency", .string("EUR")), ("short", .string("EUR 1.2K")),
                    ("long", .string("EUR 1234.50")),
                ]))
    }
}
