import PerchCore
import PerchStats
import Synchronization
import Testing

@testable import PerchSQLite

/// `visit:country_name`, `visit:region_name` and `visit:city_name` through the SQLite store:
/// names in place of codes (`""` for a code without one), ordering by name, and every filter
/// operator compared with names, with the codes listed and with the codes present in the rows.
@Suite struct LocationNameQueryTests {
    static let range = #""date_range":["2025-11-20","2025-11-21"]"#

    func query(_ fields: String) -> String {
        #"{"site_id":"example.com","metrics":["visitors"],\#(Self.range),\#(fields)}"#
    }

    @Test func countryNamesInPlaceOfCodes() async throws {
        let folder = TemporaryFolder()
        let store = try LocationNameDataset.store(in: folder)
        let json = try await LocationNameDataset.answer(query(#""dimensions":["visit:country_name"]"#), store: store)
        // Grouped by code, so ties are in code order: "", DE, EE, GB.
        #expect(
            LocationNameDataset.rows(json) == [
                [.string("United States"), .int(3)], [.string(""), .int(1)], [.string("Germany"), .int(1)],
                [.string("Estonia"), .int(1)], [.string("United Kingdom"), .int(1)],
            ])
    }

    /// Two codes without a name (none, DE-BE) stay two rows: rows are grouped by code.
    @Test func regionNamesKeepCodeRows() async throws {
        let folder = TemporaryFolder()
        let store = try LocationNameDataset.store(in: folder)
        let json = try await LocationNameDataset.answer(query(#""dimensions":["visit:region_name"]"#), store: store)
        #expect(
            LocationNameDataset.rows(json) == [
                [.string("California"), .int(2)], [.string(""), .int(1)], [.string(""), .int(1)],
                [.string("Harju"), .int(1)], [.string("England"), .int(1)], [.string("New York"), .int(1)],
            ])
    }

    @Test func cityNamesBesideTheirIDs() async throws {
        let folder = TemporaryFolder()
        let store = try LocationNameDataset.store(in: folder)
        let json = try await LocationNameDataset.answer(
            query(#""dimensions":["visit:city_name","visit:city"]"#), store: store)
        #expect(
            LocationNameDataset.rows(json) == [
                [.string("San Francisco"), .int(5_391_959), .int(2)], [.string(""), .int(0), .int(1)],
                [.string("Tallinn"), .int(588_409), .int(1)], [.string("London"), .int(2_643_743), .int(1)],
                [.string("New York"), .int(5_128_581), .int(1)], [.string(""), .int(999_999_999), .int(1)],
            ])
    }

    @Test(arguments: [
        (#"[["visit:country_name","asc"]]"#, ["", "Estonia", "Germany", "United Kingdom", "United States"]),
        (#"[["visit:country_name","desc"]]"#, ["United States", "United Kingdom", "Germany", "Estonia", ""]),
        (
            #"[["visitors","asc"],["visit:country_name","desc"]]"#,
            ["United Kingdom", "Germany", "Estonia", "", "United States"]
        ),
    ])
    func ordersByName(orderBy: String, expected: [String]) async throws {
        let folder = TemporaryFolder()
        let store = try LocationNameDataset.store(in: folder)
        let json = try await LocationNameDataset.answer(
            query(#""dimensions":["visit:country_name"],"order_by":\#(orderBy)"#), store: store)
        #expect(LocationNameDataset.rows(json).map { $0[0] } == expected.map(JSONValue.string))
    }

    @Test func pagesAfterOrderingByName() async throws {
        let folder = TemporaryFolder()
        let store = try LocationNameDataset.store(in: folder)
        let json = try await LocationNameDataset.answer(
            query(
                #""dimensions":["visit:country_name"],"order_by":[["visit:country_name","asc"]],"#
                    + #""pagination":{"limit":2,"offset":1},"include":{"total_rows":true}"#), store: store)
        #expect(LocationNameDataset.rows(json) == [[.string("Estonia"), .int(1)], [.string("Germany"), .int(1)]])
        #expect(json["meta"]?["total_rows"] == .int(5))
        #expect(json["query"]?["pagination"] == .object([("offset", .int(1)), ("limit", .int(2))]))
    }

    static let filters: [(String, Int64)] = [
        (#"["is","visit:country_name",["United States"]]"#, 3),
        (#"["is","visit:country_name",["united states"],{"case_sensitive":false}]"#, 3),
        (#"["is","visit:country_name",["united states"]]"#, 0),
        (#"["is_not","visit:country_name",["United States"]]"#, 4),
        (#"["is","visit:country_name",[""]]"#, 1),
        (#"["is_not","visit:country_name",[""]]"#, 6),
        (#"["is","visit:country_name",["Estonia","Germany"]]"#, 2),
        (#"["contains","visit:country_name",["United"]]"#, 4),
        (#"["contains_not","visit:country_name",["United"]]"#, 3),
        (#"["contains","visit:region_name",["YORK"],{"case_sensitive":false}]"#, 1),
        (#"["contains","visit:region_name",[""]]"#, 7),
        (#"["is","visit:region_name",[""]]"#, 2),
        (#"["is","visit:region_name",["Nowhere"]]"#, 0),
        (#"["is_not","visit:region_name",["Nowhere"]]"#, 7),
        (#"["matches","visit:city_name",["^San "]]"#, 2),
        (#"["matches_not","visit:city_name",["^San "]]"#, 5),
        (#"["matches","visit:city_name",["^$"]]"#, 2),
        (#"["matches","visit:city_name",["(unclosed"]]"#, 0),
        (#"["matches_not","visit:city_name",["(unclosed"]]"#, 7),
        (#"["matches_wildcard","visit:city_name",["*on*"]]"#, 1),
        (#"["matches_wildcard_not","visit:city_name",["*on*"]]"#, 6),
        (#"["matches_wildcard","visit:city_name",["new*|tall*"],{"case_sensitive":false}]"#, 2),
        (#"["is","visit:city_name",["New York"]]"#, 1),
        (#"["is_not","visit:city_name",[""]]"#, 5),
        (#"["not",["is","visit:country_name",["United States"]]]"#, 4),
        (#"["or",[["is","visit:country_name",["Estonia"]],["is","visit:city_name",["London"]]]]"#, 2),
        (#"["and",[["is","visit:country_name",["United States"]],["is_not","visit:region_name",["California"]]]]"#, 1),
        (#"["is","visit:country_name",["'; DROP TABLE events; --"]]"#, 0),
    ]

    /// Every filter both ways: codes listed from the names (1,000), and narrowed to the codes
    /// present in the rows (0: every list is "too long").
    @Test(arguments: filters, [1_000, 0])
    func filtersCompareNames(filter: (String, Int64), maxListedCodes: Int) async throws {
        let folder = TemporaryFolder()
        let store = try LocationNameDataset.store(in: folder)
        let json = try await LocationNameDataset.answer(
            query(#""filters":[\#(filter.0)]"#), store: store, maxListedCodes: maxListedCodes)
        #expect(LocationNameDataset.rows(json) == [[.int(filter.1)]], "\(filter.0)")
        // The echo keeps the filter as asked, names and all.
        let asked = try JSONReader.parse(Array(filter.0.utf8))
        #expect(json["query"]?["filters"] == .array([asked]))
    }

    /// Event-table metrics and event dimensions filter the events' own code columns.
    @Test(arguments: [1_000, 0])
    func filtersEventRows(maxListedCodes: Int) async throws {
        let folder = TemporaryFolder()
        let store = try LocationNameDataset.store(in: folder)
        let json = try await LocationNameDataset.answer(
            #"{"site_id":"example.com","metrics":["pageviews","visitors"],\#(Self.range),"#
                + #""dimensions":["event:page"],"filters":[["is_not","visit:city_name",["San Francisco",""]]]}"#,
            store: store, maxListedCodes: maxListedCodes)
        #expect(LocationNameDataset.rows(json) == [[.string("/"), .int(3), .int(3)]])
    }

    /// Names follow the source: a reloaded GeoIP database renames places in results and filters.
    @Test func namesFollowAReload() async throws {
        let folder = TemporaryFolder()
        let store = try LocationNameDataset.store(in: folder)
        let live = SwappableLocationNames(LocationNameDataset.names)
        let body = query(#""dimensions":["visit:city_name"],"filters":[["contains","visit:city_name",["S"]]]"#)
        let before = try await LocationNameDataset.answer(body, store: store, names: { live.current })
        #expect(LocationNameDataset.rows(before) == [[.string("San Francisco"), .int(2)]])
        live.replace(with: LocationNames(cities: [5_391_959: "SF", 588_409: "Tallinn (Reval)", 2_643_743: "London"]))
        let after = try await LocationNameDataset.answer(body, store: store, names: { live.current })
        #expect(LocationNameDataset.rows(after) == [[.string("SF"), .int(2)]])
    }

    /// Without a GeoIP database, countries keep their built-in names; regions and cities are "".
    @Test func builtInNamesNameCountriesOnly() async throws {
        let folder = TemporaryFolder()
        let store = try LocationNameDataset.store(in: folder)
        let json = try await LocationNameDataset.answer(
            query(
                #""dimensions":["visit:country_name","visit:region_name"],"#
                    + #""filters":[["is","visit:country_name",["Estonia"]]]"#),
            store: store, names: { .builtIn })
        #expect(LocationNameDataset.rows(json) == [[.string("Estonia"), .string(""), .int(1)]])
    }

    /// Building names costs a walk of the GeoIP database: only queries that name places ask.
    @Test func onlyQueriesNamingPlacesAskForNames() async throws {
        let folder = TemporaryFolder()
        let store = try LocationNameDataset.store(in: folder)
        let asks = Mutex(0)
        let names: @Sendable () -> LocationNames = {
            asks.withLock { $0 += 1 }
            return LocationNameDataset.names
        }
        _ = try await LocationNameDataset.answer(
            query(#""dimensions":["visit:country"],"filters":[["is","visit:city",[588409]]]"#), store: store,
            names: names)
        #expect(asks.withLock { $0 } == 0)
        _ = try await LocationNameDataset.answer(
            query(#""filters":[["is","visit:city_name",["Tallinn"]]]"#), store: store, names: names)
        #expect(asks.withLock { $0 } == 1)
    }
}
