import PerchCore
import Testing

@testable import PerchStats

/// How filters on `visit:*_name` become filters on the code columns, and what SQL they plan to:
/// codes bound as parameters, names never in the statement.
struct LocationNameFilterTests {
    static let names = LocationNames(
        regions: ["US-CA": "California", "US-NY": "New York", "EE-37": "Harju"],
        cities: [5_391_959: "San Francisco", 5_128_581: "New York", 588_409: "Tallinn"])

    func rewrite(_ filter: String, present: [LocationNameKind: [SQLValue]] = [:], limit: Int = 1_000) throws -> Filter {
        let query = try QueryParser.parse(
            body: Array(#"{"site_id":"a.com","metrics":["visitors"],"date_range":"7d","filters":[\#(filter)]}"#.utf8))
        return LocationNameFilter(names: Self.names, present: present, maxListedCodes: limit).rewrite(query.filters[0])
    }

    func leaf(_ op: FilterOperator, _ dimension: Dimension, _ clauses: [FilterClause]) -> Filter {
        .leaf(FilterLeaf(op: op, dimension: dimension, clauses: clauses))
    }

    @Test(arguments: [
        (#"["is","visit:region_name",["New York"]]"#, FilterOperator.is, ["US-NY"]),
        (#"["is_not","visit:region_name",["New York"]]"#, .isNot, ["US-NY"]),
        (#"["contains","visit:region_name",["a"]]"#, .is, ["EE-37", "US-CA"]),
        // "" is satisfied: every unnamed code passes, so the named codes that fail are listed.
        (#"["is","visit:region_name",[""]]"#, .isNot, ["EE-37", "US-CA", "US-NY"]),
        (#"["is_not","visit:region_name",[""]]"#, .is, ["EE-37", "US-CA", "US-NY"]),
        (#"["matches","visit:region_name",["^(New York|)$"]]"#, .isNot, ["EE-37", "US-CA"]),
        (#"["matches","visit:region_name",["^(New|)"]]"#, .isNot, []),
        (#"["is","visit:region_name",["Atlantis"]]"#, .is, []),
        (#"["is","visit:country_name",["estonia"],{"case_sensitive":false}]"#, .is, ["EE"]),
    ])
    func rewritesToCodes(filter: String, op: FilterOperator, codes: [String]) throws {
        let expected: Dimension = filter.contains("country") ? .visit(.country) : .visit(.region)
        #expect(try rewrite(filter) == leaf(op, expected, codes.map(FilterClause.string)))
    }

    @Test func cityCodesAreIntegers() throws {
        #expect(
            try rewrite(#"["matches_wildcard","visit:city_name",["*New*|Tall*"]]"#)
                == leaf(.is, .visit(.city), [.integer(588_409), .integer(5_128_581)]))
    }

    @Test func nestedLeavesAreRewrittenAndOthersKept() throws {
        let rewritten = try rewrite(
            #"["or",[["not",["is","visit:city_name",["Tallinn"]]],["is","visit:country",["EE"]]]]"#)
        #expect(
            rewritten
                == .or([
                    .not(leaf(.is, .visit(.city), [.integer(588_409)])), leaf(.is, .visit(.country), [.string("EE")]),
                ]))
    }

    /// Too many codes to list: the kind is reported, and with the present codes only they count.
    @Test func presentCodesNarrowLongLists() throws {
        let query = try QueryParser.parse(
            body: Array(
                #"{"site_id":"a.com","metrics":["visitors"],"date_range":"7d","filters":[["is_not","visit:city_name",[""]]]}"#
                    .utf8))
        let filter = LocationNameFilter(names: Self.names, maxListedCodes: 2)
        #expect(filter.kindsNeedingPresentCodes(query.filters) == [.city])
        let present: [SQLValue] = [.integer(0), .integer(5_391_959), .integer(42)]
        #expect(
            try rewrite(#"["is_not","visit:city_name",[""]]"#, present: [.city: present], limit: 2)
                == leaf(.isNot, .visit(.city), [.integer(0), .integer(42)]))
    }

    @Test func namesNeverReachTheStatement() throws {
        let body =
            #"{"site_id":"a.com","metrics":["visitors"],"date_range":"7d","dimensions":["visit:region_name"],"#
            + #""filters":[["is","visit:region_name",["New York","x' OR 1=1 --"]],"#
            + #"["is","visit:city_name",["Atlantis"]]]}"#
        var validated = try ValidatedQuery(
            QueryParser.parse(body: Array(body.utf8)), siteKey: 1, timeZone: .utc, now: 1_785_000_000)
        let filter = LocationNameFilter(names: Self.names, maxListedCodes: 1_000)
        validated.query.filters = validated.query.filters.map(filter.rewrite)
        let plan = QueryPlanner(dialect: SQLiteDialect()).plan(validated)
        #expect(!plan.sql.contains("New York") && !plan.sql.contains("OR 1=1"))
        #expect(plan.sql.contains("s.subdivision1_code IN (?)"))
        #expect(plan.sql.contains("(0 = 1)"))
        #expect(plan.parameters.contains(.text("US-NY")))
        #expect(!plan.parameters.contains(.text("New York")))
    }
}
