import Foundation
import PerchEnrich
import Testing

/// Our reader against Debian's python3-maxminddb on GeoLite2-City: 100,000 seeded random
/// addresses (`geoip-reference.jsonl`, see `scripts/oracles/geoip_reference.py`).
@Suite("GeoIP reference agreement (oracle corpus)", .enabled(if: OracleCorpus.isAvailable))
struct GeoIPReferenceTests {
    /// One reference row, and what Perch must store for it (spec §12.2).
    struct Row {
        let ip: String
        let prefixLength: Int
        let found: Bool
        let country: String
        let subdivisions: [String]
        let city: UInt32

        init(_ json: [String: Any]) throws {
            ip = try #require(json["ip"] as? String)
            prefixLength = try #require(json["prefix_len"] as? Int)
            found = try #require(json["found"] as? Bool)
            country = try #require(json["country"] as? String)
            subdivisions = try #require(json["subdivisions"] as? [String])
            city = UInt32(try #require(json["city"] as? Int))
        }

        var expectedLocation: GeoLocation {
            guard !country.isEmpty, !["ZZ", "XX", "T1"].contains(country) else { return GeoLocation() }
            func code(_ index: Int) -> String {
                index < subdivisions.count && !subdivisions[index].isEmpty ? "\(country)-\(subdivisions[index])" : ""
            }
            return GeoLocation(
                countryCode: country, subdivision1Code: code(0), subdivision2Code: code(1),
                cityGeonameID: CityOverrides.city(for: city))
        }
    }

    @Test func agreesWithMaxMindsPythonReader() throws {
        let reader = try MMDBReader(path: OracleCorpus.path("GeoLite2-City.mmdb"))
        let rows = try OracleCorpus.rows("geoip-reference.jsonl").map(Row.init)
        #expect(rows.count == 100_000)
        var agree = 0
        var disagreements: [String] = []
        for row in rows {
            let address = try ip(row.ip)
            let (record, prefixLength) = try reader.lookupNetwork(address)
            let isFound = record.map { $0 != .map([:]) } ?? false
            let country = record?["country"]?["iso_code"]?.stringValue ?? ""
            var subdivisions: [String] = []
            if case .array(let items)? = record?["subdivisions"] {
                subdivisions = items.map { $0["iso_code"]?.stringValue ?? "" }
            }
            let city = UInt32(record?["city"]?["geoname_id"]?.uintValue ?? 0)
            let location = reader.location(address)
            if isFound == row.found, prefixLength == row.prefixLength, country == row.country,
                subdivisions == row.subdivisions, city == row.city, location == row.expectedLocation
            {
                agree += 1
            } else if disagreements.count < 5 {
                disagreements.append(
                    "\(row.ip): found \(isFound) /\(prefixLength) \(country) \(subdivisions) \(city) \(location)")
            }
        }
        print("geoip oracle: \(agree)/\(rows.count) agree")
        #expect(agree == rows.count, "\(disagreements)")
    }
}
