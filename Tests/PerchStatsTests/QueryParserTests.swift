import Testing

@testable import PerchStats

@Suite("Stats query parsing and validation")
struct QueryParserTests {
    static let now: Int64 = 1_785_000_000  // 2026-07-25 (a Saturday), 17:20 UTC

    static func validate(_ body: String, goals: [Goal] = []) throws(QueryError) -> ValidatedQuery {
        let query = try QueryParser.parse(body: Array(body.utf8))
        return try ValidatedQuery(query, siteKey: 1, timeZone: .utc, now: now, goals: goals)
    }

    static let refusals: [(String, String)] = [
        (#"[1]"#, "#: Type mismatch. Expected Object but got Array."),
        (
            #"{"site_id":"a.com","metrics":["visitors"],"date_range":"7d","foo":1}"#,
            "#/foo: Schema does not allow additional properties."
        ),
        (
            #"{"metrics":["visitors"],"date_range":"7d"}"#,
            "Missing site ID. Please provide the required site_id parameter with your request."
        ),
        (#"{"site_id":"a.com"}"#, "#: Required properties metrics, date_range were not present."),
        (#"{"site_id":"a.com","metrics":["visitors"]}"#, "#: Required property date_range was not present."),
        (#"{"site_id":"a.com","metrics":["visitors","baa"],"date_range":"7d"}"#, "#/metrics/1: Invalid metric \"baa\""),
        (#"{"site_id":"a.com","metrics":[],"date_range":"7d"}"#, "#/metrics: Expected a minimum of 1 items but got 0."),
        (
            #"{"site_id":"a.com","metrics":"visitors","date_range":"7d"}"#,
            "#/metrics: Type mismatch. Expected Array but got String."
        ),
        (
            #"{"site_id":"a.com","metrics":["visitors","visitors"],"date_range":"7d"}"#,
            "#/metrics: Expected items to be unique but they were not."
        ),
        (
            #"{"site_id":"a.com","metrics":["visitors"],"date_range":"bad_period"}"#,
            "#/date_range: Invalid date range \"bad_period\""
        ),
        (
            #"{"site_id":"a.com","metrics":["visitors"],"date_range":"5001d"}"#,
            "#/date_range: Invalid date range \"5001d\""
        ),
        (
            #"{"site_id":"a.com","metrics":["visitors"],"date_range":"101mo"}"#,
            "#/date_range: Invalid date range \"101mo\""
        ),
        (
            #"{"site_id":"a.com","metrics":["visitors"],"date_range":["2024-02-30","2024-03-01"]}"#,
            "Invalid date_range '[\"2024-02-30\", \"2024-03-01\"]'."
        ),
        (
            #"{"site_id":"a.com","metrics":["visitors"],"date_range":["2024-03-02","2024-03-01"]}"#,
            "Invalid date_range '[\"2024-03-02\", \"2024-03-01\"]'."
        ),
        (
            #"{"site_id":"a.com","metrics":["visitors"],"date_range":["2024-03-01"]}"#,
            "#/date_range: Invalid date range [\"2024-03-01\"]"
        ),
        (
            #"{"site_id":"a.com","metrics":["visitors"],"date_range":"7d","dimensions":["badproperty"]}"#,
            "#/dimensions/0: Invalid dimension \"badproperty\""
        ),
        (
            #"{"site_id":"a.com","metrics":["visitors"],"date_range":"7d","dimensions":["event:props:"]}"#,
            "#/dimensions/0: Invalid dimension \"event:props:\""
        ),
        (
            #"{"site_id":"a.com","metrics":["visitors"],"date_range":"7d","dimensions":["time","time:day"]}"#,
            "Invalid dimensions. Only one time dimension can be queried at a time."
        ),
        (
            #"{"site_id":"a.com","metrics":["visitors"],"date_range":"7d","filters":[["is","visit:source"]]}"#,
            "#/filters/0: Invalid filter [\"is\", \"visit:source\"]"
        ),
        (
            #"{"site_id":"a.com","metrics":["visitors"],"date_range":"7d","filters":[["is","visit:city",["Tallinn"]]]}"#,
            "#/filters/0: Invalid filter [\"is\", \"visit:city\", [\"Tallinn\"]]"
        ),
        (
            #"{"site_id":"a.com","metrics":["visitors"],"date_range":"7d","filters":[["is","visit:country",["EST"]]]}"#,
            "Invalid visit:country filter, visit:country needs to be a valid 2-letter country code."
        ),
        (
            #"{"site_id":"a.com","metrics":["visitors"],"date_range":"7d","filters":[["is","time",["x"]]]}"#,
            "#/filters/0: Invalid filter [\"is\", \"time\", [\"x\"]]"
        ),
        (
            #"{"site_id":"a.com","metrics":["visitors"],"date_range":"7d","filters":[["matches","event:page",["a"],{"case_sensitive":false}]]}"#,
            "#/filters/0: Invalid filter [\"matches\", \"event:page\", [\"a\"], %{\"case_sensitive\" => false}]"
        ),
        (
            #"{"site_id":"a.com","metrics":["visitors"],"date_range":"7d","filters":[["or",[["is","event:goal",["S"]]]]]}"#,
            "Invalid filters. Dimension `event:goal` can only be filtered at the top level."
        ),
        (
            #"{"site_id":"a.com","metrics":["visitors"],"date_range":"7d","filters":[["has_done",["is","visit:source",["x"]]]]}"#,
            "Invalid filters. Behavioral filters (has_done, has_not_done) can only be used with event dimension filters."
        ),
        (
            #"{"site_id":"a.com","metrics":["visitors"],"date_range":"7d","filters":[["has_done",["has_done",["is","event:name",["x"]]]]]}"#,
            "Invalid filters. Behavioral filters (has_done, has_not_done) cannot be nested."
        ),
        (
            #"{"site_id":"a.com","metrics":["visitors"],"date_range":"7d","filters":[["is","event:goal",["Nope"]]]}"#,
            "The goal `Nope` is not configured for this site. Find out how to configure goals here: https://plausible.io/docs/stats-api#filtering-by-goals"
        ),
        (
            #"{"site_id":"a.com","metrics":["conversion_rate"],"date_range":"7d"}"#,
            "Metric `conversion_rate` can only be queried with event:goal filters or dimensions."
        ),
        (
            #"{"site_id":"a.com","metrics":["time_on_page"],"date_range":"7d","dimensions":["visit:source"]}"#,
            "Metric `time_on_page` can only be queried with event:page filters or dimensions."
        ),
        (
            #"{"site_id":"a.com","metrics":["visitors"],"date_range":"7d","filters":[["not",["is","event:hostname",["a.com"]]]]}"#,
            "Invalid filters. Dimension `event:hostname` can only be filtered at the top level."
        ),
        (
            #"{"site_id":"a.com","metrics":["conversion_rate"],"date_range":"7d","filters":[["is","event:goal",["Signup"]],["or",[["is","event:props:plan",["Pro"]]]]]}"#,
            "Invalid filters. When `conversion_rate` or `group_conversion_rate` metrics are used, custom property filters can only be used on top level."
        ),
        (
            #"{"site_id":"a.com","metrics":["visitors"],"date_range":["2024-01-01T10:00:00","2024-01-02T10:00:00"]}"#,
            "#/date_range: Invalid date range [\"2024-01-01T10:00:00\", \"2024-01-02T10:00:00\"]"
        ),
        (
            #"{"site_id":"a.com","metrics":["visitors"],"date_range":"7d","dimensions":"visit:source"}"#,
            "#/dimensions: Type mismatch. Expected Array but got String."
        ),
        (
            #"{"site_id":"a.com","metrics":["scroll_depth"],"date_range":"7d"}"#,
            "Metric `scroll_depth` can only be queried with event:page filters or dimensions."
        ),
        (
            #"{"site_id":"a.com","metrics":["views_per_visit"],"date_range":"7d","dimensions":["visit:source"]}"#,
            "Metric `views_per_visit` cannot be queried with `dimensions`."
        ),
        (
            #"{"site_id":"a.com","metrics":["views_per_visit"],"date_range":"7d","filters":[["is","event:page",["/"]]]}"#,
            "Metric `views_per_visit` cannot be queried with a filter on `event:page`."
        ),
        (
            #"{"site_id":"a.com","metrics":["bounce_rate"],"date_range":"all","dimensions":["event:props:foo"]}"#,
            "Session metric(s) `bounce_rate` cannot be queried along with event dimension(s) `event:props:foo`"
        ),
        (
            #"{"site_id":"a.com","metrics":["events"],"date_range":"all","dimensions":["visit:exit_page"]}"#,
            "Event metric(s) `events` cannot be queried along with session dimension(s) `visit:exit_page`"
        ),
        (
            #"{"site_id":"a.com","metrics":["visitors"],"date_range":"all","dimensions":["event:goal","visit:entry_page"]}"#,
            "Dimension `event:goal` cannot be queried along with session dimension(s) `visit:entry_page` (not supported by Perch)"
        ),
        (
            #"{"site_id":"a.com","metrics":["visitors"],"date_range":"7d","include":{"time_labels":true}}"#,
            "Invalid include.time_labels: requires a time dimension."
        ),
        (
            #"{"site_id":"a.com","metrics":["visitors"],"date_range":"7d","include":{"total_rows":"yes"}}"#,
            "#/include/total_rows: Type mismatch. Expected Boolean but got String."
        ),
        (
            #"{"site_id":"a.com","metrics":["visitors"],"date_range":"7d","include":{"colours":true}}"#,
            "#/include/colours: Schema does not allow additional properties."
        ),
        (
            #"{"site_id":"a.com","metrics":["visitors"],"date_range":"7d","pagination":{"limit":10001}}"#,
            "#/pagination/limit: Expected the value to be <= 10000"
        ),
        (
            #"{"site_id":"a.com","metrics":["visitors"],"date_range":"7d","pagination":{"limit":0}}"#,
            "#/pagination/limit: Expected the value to be >= 1"
        ),
        (
            #"{"site_id":"a.com","metrics":["visitors"],"date_range":"7d","pagination":{"limit":1.5}}"#,
            "#/pagination/limit: Type mismatch. Expected Integer but got Number."
        ),
        (
            #"{"site_id":"a.com","metrics":["visitors"],"date_range":"7d","pagination":{"offset":-1}}"#,
            "#/pagination/offset: Expected the value to be >= 0"
        ),
        (
            #"{"site_id":"a.com","metrics":["visitors"],"date_range":"7d","order_by":[["pageviews","desc"]]}"#,
            "Invalid order_by entry '{:pageviews, :desc}'. Entry is not a queried metric or dimension."
        ),
        (
            #"{"site_id":"a.com","metrics":["visitors"],"date_range":"7d","order_by":[["visit:source","asc"]]}"#,
            "Invalid order_by entry '{\"visit:source\", :asc}'. Entry is not a queried metric or dimension."
        ),
        (
            #"{"site_id":"a.com","metrics":["visitors"],"date_range":"7d","order_by":[["visitors","up"]]}"#,
            "#/order_by/0: Invalid order_by entry [\"visitors\", \"up\"]"
        ),
        (#"{"site_id":"a.com","metrics":["visitors"],"date_range":"7d""#, "Invalid JSON in request body."),
        (#"{"site_id":"a.com","metrics":["visitors"],"date_range":"7d"} x"#, "Invalid JSON in request body."),
    ]

    @Test("refused with Plausible's message", arguments: refusals)
    func refused(body: String, message: String) {
        #expect(throws: QueryError(message)) { try Self.validate(body, goals: [.event("Signup")]) }
    }

    @Test func fullQueryParses() throws {
        let body = """
            {"site_id":"a.com","metrics":["visitors","pageviews"],"date_range":["2024-01-01","2024-01-31"],
             "dimensions":["event:page","time"],
             "filters":[["is","visit:country",["EE","DE"]],["contains","event:page",["blog"],{"case_sensitive":false}],
                        ["not",["is","visit:city",[588409]]],["has_done",["is","event:name",["Signup"]]]],
             "order_by":[["pageviews","asc"]],"include":{"total_rows":true,"imports":true},
             "pagination":{"limit":5,"offset":10}}
            """
        let validated = try Self.validate(body)
        #expect(validated.dimensions == [.event(.page), .time(.day)])
        #expect(validated.query.filters.count == 4)
        #expect(
            validated.query.filters[1]
                == .leaf(
                    FilterLeaf(
                        op: .contains, dimension: .event(.page),
                        clauses: [.string("blog")], caseSensitive: false)))
        #expect(
            validated.query.filters[2]
                == .not(
                    .leaf(
                        FilterLeaf(
                            op: .is, dimension: .visit(.city),
                            clauses: [.integer(588_409)]))))
        #expect(validated.orderBy == [OrderEntry(target: .metric(.pageviews), ascending: true)])
        #expect(validated.query.pagination == Pagination(limit: 5, offset: 10))
        #expect(validated.query.include.totalRows && validated.query.include.imports)
    }

    @Test func defaultOrderPutsTimeFirst() throws {
        let validated = try Self.validate(
            #"{"site_id":"a.com","metrics":["visits","visitors"],"date_range":"day","dimensions":["visit:os","time"]}"#)
        #expect(validated.dimensions == [.visit(.os), .time(.hour)])
        #expect(
            validated.orderBy == [
                OrderEntry(target: .dimension(.time(.hour)), ascending: true),
                OrderEntry(target: .metric(.visits), ascending: false),
            ])
    }

    @Test func sessionMetricWithPageDimensionIsAllowed() throws {
        _ = try Self.validate(
            #"{"site_id":"a.com","metrics":["bounce_rate"],"date_range":"all","dimensions":["event:page"]}"#)
    }

    @Test func booleansAreNotNumbers() throws {
        #expect(
            try JSONReader.parse("[true, 1, 1.0, 1e2, null]")
                == .array([.bool(true), .int(1), .double(1), .double(100), .null]))
    }

    @Test func goalFilterSelectsGoalsByDisplayName() throws {
        let goals: [Goal] = [.event("Signup"), .page("/blog/**")]
        let validated = try Self.validate(
            #"{"site_id":"a.com","metrics":["conversion_rate"],"date_range":"7d","filters":[["is","event:goal",["Visit /blog/**"]]]}"#,
            goals: goals)
        guard case .leaf(let leaf) = validated.query.filters[0] else { Issue.record("not a leaf"); return }
        #expect(validated.goals(matching: leaf) == [.page("/blog/**")])
    }
}
