import Foundation
import PerchEnrich
import Testing

/// The IPv4 range index against the tree walk on GeoLite2-City and on MaxMind's test databases
/// (Country-only ones, one without an IPv4 subtree, mixed ones with aliased IPv4 subtrees).
@Suite("GeoIP IPv4 index (oracle corpus)", .enabled(if: OracleCorpus.isAvailable))
struct GeoIPv4IndexOracleTests {
    @Test func agreesWithTheReaderOnTheReferenceRows() throws {
        let reader = try MMDBReader(path: OracleCorpus.path("GeoLite2-City.mmdb"))
        let database = GeoDatabase(reader: reader)
        let index = try #require(database.ipv4Index)
        let rows = try OracleCorpus.rows("geoip-reference.jsonl").map(GeoIPReferenceTests.Row.init)
        #expect(rows.count == 100_000)
        var agree = 0
        var ipv4 = 0
        var disagreements: [String] = []
        for row in rows {
            let address = try ip(row.ip)
            if address.isIPv4Mapped { ipv4 += 1 }
            let location = database.location(address)
            if location == reader.location(address), location == row.expectedLocation {
                agree += 1
            } else if disagreements.count < 5 {
                disagreements.append("\(row.ip): \(location) vs \(reader.location(address))")
            }
        }
        print("geoip IPv4 index: \(index.rangeCount) ranges, \(index.locations.count) locations; \(agree) agree")
        #expect(ipv4 > 50_000)
        #expect(agree == rows.count, "\(disagreements)")
    }

    /// Every 16th range boundary of the full database, with its neighbours (all of them would take
    /// minutes in a debug build).
    @Test func agreesWithTheReaderAtRangeBoundaries() throws {
        let reader = try MMDBReader(path: OracleCorpus.path("GeoLite2-City.mmdb"))
        let index = try #require(GeoDatabase(reader: reader).ipv4Index)
        let starts = index.rangeStarts
        var mismatches = 0
        for position in stride(from: 0, to: starts.count, by: 16) {
            let start = starts[position]
            for value in [start &- 1, start] {
                let address = IPAddress(ipv4: value)
                if index.location(ipv4: value) != reader.location(address) { mismatches += 1 }
            }
        }
        #expect(mismatches == 0)
    }

    @Test(arguments: [
        "GeoIP2-City-Test", "GeoIP2-Country-Test", "GeoLite2-City-Test", "GeoLite2-Country-Test",
        "GeoIP2-Enterprise-Test", "GeoIP2-Precision-Enterprise-Test", "GeoIP2-City-Shield-Test",
        "MaxMind-DB-no-ipv4-search-tree", "MaxMind-DB-test-ipv4-24", "MaxMind-DB-test-ipv4-28",
        "MaxMind-DB-test-ipv4-32", "MaxMind-DB-test-ipv6-24", "MaxMind-DB-test-mixed-24", "MaxMind-DB-test-mixed-28",
        "MaxMind-DB-test-mixed-32", "MaxMind-DB-test-decoder", "MaxMind-DB-test-broken-pointers-24",
    ])
    func agreesWithTheReaderOnMaxMindTestData(name: String) throws {
        let reader = try MMDBReader(path: MMDBConformanceTests.testData(name))
        let extra = try ["::1.1.1.1", "::ffff:1.1.1.1", "2002:101:101::", "2001:db8::1", "::2.125.160.216"]
            .map { try ip($0) }
        let index = try GeoIPv4IndexTests.expectAgreement(reader, extra: extra)
        if name.hasSuffix("Country-Test") {
            #expect(index.locations.allSatisfy { $0.cityGeonameID == 0 && $0.subdivision1Code.isEmpty })
            #expect(index.locations.count > 1)
        }
        if name == "MaxMind-DB-no-ipv4-search-tree" { #expect(index.rangeCount <= 2) }
    }

    /// A tree whose records point back at earlier nodes gets no index; lookups walk it as before.
    @Test func brokenSearchTreeFallsBackToTheWalk() throws {
        let reader = try MMDBReader(path: MMDBConformanceTests.testData("MaxMind-DB-test-broken-search-tree-24"))
        let database = GeoDatabase(reader: reader)
        #expect(database.ipv4Index == nil)
        for top in UInt32(0)..<256 {
            let address = IPAddress(ipv4: top << 24 | 0x0001_0101)
            #expect(database.location(address) == reader.location(address))
        }
    }
}
