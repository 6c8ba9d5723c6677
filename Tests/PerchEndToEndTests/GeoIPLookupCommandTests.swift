import Foundation
import Testing

/// `perch geoip lookup` against the reference lookups of Debian's python3-maxminddb on
/// GeoLite2-City (`geoip-reference.jsonl`): what the binary prints is what Perch stores (§12.2).
@Suite("perch geoip lookup (oracle corpus)", .enabled(if: GeoIPOracle.directory != nil), .serialized)
struct GeoIPLookupCommandTests {
    /// Cities Plausible merges districts into (Berlin, Vienna, Toronto, Prague, Tallinn, London, …):
    /// the only values `city_geoname_id` may take that differ from MaxMind's `city.geoname_id`.
    static let mergedCities: Set<Int> = [
        2_761_369, 2_772_400, 6_167_865, 3_067_696, 2_618_425, 2_615_876, 2_624_652, 588_409, 2_950_159, 2_867_714,
        2_934_246, 2_886_242, 2_946_447, 2_925_533, 1_275_339, 3_530_597, 2_759_794, 2_747_373, 3_143_244, 683_506,
        3_060_972, 2_673_730, 2_661_604, 2_657_896, 2_643_743,
    ]

    static func file(_ name: String) throws -> String {
        let path = try #require(GeoIPOracle.directory) + "/" + name
        try #require(FileManager.default.fileExists(atPath: path), "oracle corpus file missing: \(path)")
        return path
    }

    static func referenceRows() throws -> [[String: Any]] {
        try String(contentsOfFile: file("geoip-reference.jsonl"), encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    /// Runs `perch geoip lookup --geoip DB arguments…` with `input` on standard input.
    static func lookup(_ arguments: [String], input: String = "") throws -> (status: Int32, lines: [[String: Any]]) {
        let (status, data) = try PerchProcess.run(
            ["geoip", "lookup", "--geoip", try file("GeoLite2-City.mmdb")] + arguments, input: input)
        let lines = try String(decoding: data, as: UTF8.self).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        return (status, lines)
    }

    /// Where `line` differs from what Perch must store for the reference `row`, or nil.
    static func difference(_ line: [String: Any], _ row: [String: Any]) -> String? {
        let country = row["country"] as? String ?? ""
        let known = !country.isEmpty && !["ZZ", "XX", "T1"].contains(country)
        let subdivisions = row["subdivisions"] as? [String] ?? []
        func code(_ index: Int) -> String {
            known && index < subdivisions.count && !subdivisions[index].isEmpty
                ? "\(country)-\(subdivisions[index])" : ""
        }
        let city = known ? row["city"] as? Int ?? 0 : 0
        let printedCity = line["city_geoname_id"] as? Int ?? -1
        guard line["ip"] as? String == row["ip"] as? String,
            line["country_code"] as? String == (known ? country : ""),
            line["subdivision1_code"] as? String == code(0),
            line["subdivision2_code"] as? String == code(1),
            printedCity == city || (city != 0 && mergedCities.contains(printedCity))
        else { return "\(line) for \(row)" }
        return nil
    }

    @Test func everyReferenceAddressOnStandardInput() throws {
        let rows = try Self.referenceRows()
        #expect(rows.count == 100_000)
        let input = rows.map { ($0["ip"] as? String ?? "") + "\n" }.joined()
        let (status, lines) = try Self.lookup([], input: input)
        #expect(status == 0)
        try #require(lines.count == rows.count)
        let differences = zip(lines, rows).compactMap(Self.difference)
        print("perch geoip lookup: \(rows.count - differences.count)/\(rows.count) agree")
        #expect(differences.isEmpty, "\(differences.count) differ, e.g. \(differences.prefix(3))")
    }

    @Test func addressesAsArguments() throws {
        let rows = Array(try Self.referenceRows().prefix(200))
        let (status, lines) = try Self.lookup(rows.map { $0["ip"] as? String ?? "" })
        #expect(status == 0)
        try #require(lines.count == rows.count)
        for (line, row) in zip(lines, rows) {
            #expect(Self.difference(line, row) == nil)
        }
    }

    @Test func unparsableAddressPrintsAnEmptyLocation() throws {
        let (status, lines) = try Self.lookup(["not-an-ip", "2.125.160.216"])
        #expect(status == 0)
        try #require(lines.count == 2)
        #expect(lines[0]["ip"] as? String == "not-an-ip")
        #expect(lines[0]["country_code"] as? String == "")
        #expect(lines[0]["city_geoname_id"] as? Int == 0)
    }

    @Test func missingDatabaseFails() throws {
        let (status, _) = try PerchProcess.run(
            ["geoip", "lookup", "--geoip", "/nonexistent/geoip.mmdb", "1.2.3.4"], input: "")
        #expect(status != 0)
    }
}

/// `PERCH_ORACLE_DIR`, set by the test command after `scripts/fetch-oracles` (this target cannot
/// see the enrichment tests' `OracleCorpus`).
enum GeoIPOracle {
    static var directory: String? {
        ProcessInfo.processInfo.environment["PERCH_ORACLE_DIR"].flatMap { $0.isEmpty ? nil : $0 }
    }
}
