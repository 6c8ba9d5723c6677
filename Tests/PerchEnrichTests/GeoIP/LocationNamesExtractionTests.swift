import Foundation
import PerchCore
import PerchEnrich
import Testing

/// `MMDBReader.locationNames()` and `GeoDatabase.locationNames` on small databases from the test
/// writer: English names keyed as geolocation stores the codes (spec §12.2).
struct LocationNamesExtractionTests {
    static func names(_ english: String?) -> MMDBValue {
        var names: [String: MMDBValue] = ["de": .string("Deutsch-" + (english ?? "?"))]
        if let english { names["en"] = .string(english) }
        return .map(names)
    }

    static func record(
        _ country: String, _ countryName: String?, region: (String, String?)? = nil, city: (UInt64, String?)? = nil
    ) -> MMDBValue {
        var map: [String: MMDBValue] = [
            "country": .map(["iso_code": .string(country), "geoname_id": .uint(1), "names": names(countryName)])
        ]
        if let region {
            map["subdivisions"] = .array([
                .map(["iso_code": .string(region.0), "names": names(region.1)]),
                .map(["iso_code": .string("SECOND"), "names": names("Second level")]),
            ])
        }
        if let city { map["city"] = .map(["geoname_id": .uint(city.0), "names": names(city.1)]) }
        return .map(map)
    }

    static func writer(recordSize: Int, ipVersion: Int) -> MMDBTestWriter {
        var writer = MMDBTestWriter(recordSize: recordSize, ipVersion: ipVersion)
        writer.insert(
            "1.0.0.0/8",
            record("US", "USA per MaxMind", region: ("CA", "California"), city: (5_391_959, "San Francisco")))
        writer.insert("2.0.0.0/8", record("QQ", "Testland", region: ("N", "North"), city: (77, "Testville")))
        // A placeholder country names nothing, not even its city.
        writer.insert("3.0.0.0/8", record("ZZ", "Unknown", region: ("Z", "Zed"), city: (88, "Nowhere")))
        // No English name: nothing is kept for the region or the city.
        writer.insert("4.0.0.0/8", record("QQ", nil, region: ("S", nil), city: (99, nil)))
        // A Vienna district is stored as Vienna, so only Vienna's own name is kept.
        writer.insert("5.0.0.0/8", record("AT", "Austria", region: ("9", "Vienna"), city: (2_779_467, "Floridsdorf")))
        writer.insert("5.1.0.0/16", record("AT", "Austria", region: ("9", "Vienna"), city: (2_761_369, "Vienna")))
        // The first name met for a code is kept (address order).
        writer.insert("6.0.0.0/8", record("QQ", "Other name", region: ("N", "Other north"), city: (77, "Other")))
        if ipVersion == 6 {
            writer.insert(
                "2001:db8::/32",
                record("NL", "Netherlands", region: ("NH", "North Holland"), city: (2_759_794, "Amsterdam")))
        }
        return writer
    }

    @Test(arguments: [24, 28, 32], [4, 6])
    func collectsEnglishNamesKeyedLikeTheStoredCodes(recordSize: Int, ipVersion: Int) throws {
        let reader = try MMDBReader(bytes: Self.writer(recordSize: recordSize, ipVersion: ipVersion).build())
        let names = reader.locationNames()
        #expect(names.countryName("US") == "United States", "the built-in (Plausible) name wins")
        #expect(names.countryName("QQ") == "Testland")
        #expect(names.countryName("ZZ") == nil)
        #expect(names.regionName("US-CA") == "California")
        #expect(names.regionName("QQ-N") == "North")
        #expect(names.regionName("QQ-S") == nil)
        #expect(names.regionName("QQ-SECOND") == nil, "only the first subdivision is stored")
        #expect(names.regionName("ZZ-Z") == nil)
        #expect(names.cityName(5_391_959) == "San Francisco")
        #expect(names.cityName(77) == "Testville")
        #expect(names.cityName(88) == nil)
        #expect(names.cityName(99) == nil)
        #expect(names.cityName(2_779_467) == nil)
        #expect(names.cityName(2_761_369) == "Vienna")
        #expect(names.regions.count == 3 + (ipVersion == 6 ? 1 : 0))
        #expect(names.cities.count == 3 + (ipVersion == 6 ? 1 : 0))
        if ipVersion == 6 {
            #expect(names.regionName("NL-NH") == "North Holland")
            #expect(names.cityName(2_759_794) == "Amsterdam")
        }
    }

    @Test func geoDatabaseBuildsTheNamesOnceOnFirstUse() throws {
        let database = GeoDatabase(reader: try MMDBReader(bytes: Self.writer(recordSize: 28, ipVersion: 6).build()))
        let first = database.locationNames
        #expect(first.cityName(77) == "Testville")
        #expect(database.locationNames == first)
    }

    @Test func builtInNamesHoldCountriesOnly() {
        let names = LocationNames.builtIn
        #expect(names.countryName("GB") == "United Kingdom")
        #expect(names.countryName("RU") == "Russian Federation")
        #expect(names.countryName("XK") == "Kosovo")
        #expect(names.countryName("A1") == "Anonymous VPN Service")
        #expect(names.countryName("") == nil)
        #expect(names.countries.count == 251)
        #expect(names.regions.isEmpty && names.cities.isEmpty)
    }

    @Test func aDamagedRecordAddsNothingAndStopsNothing() throws {
        var writer = Self.writer(recordSize: 24, ipVersion: 6)
        writer.insert("7.0.0.0/8", .map(["country": .string("not a map")]))
        writer.insert("8.0.0.0/8", .map(["country": .map(["iso_code": .uint(5)])]))
        let names = try MMDBReader(bytes: writer.build()).locationNames()
        #expect(names.cityName(77) == "Testville")
    }
}

/// The names GeoLite2-City holds: the sizes the stats planner must cope with, and a few names.
/// (The walk takes about as long as the IPv4 index build: both read every record once.)
@Suite("GeoIP location names (oracle corpus)", .enabled(if: OracleCorpus.isAvailable))
struct LocationNamesOracleTests {
    /// One walk for the suite; a debug build takes seconds.
    static let names: LocationNames? = try? MMDBReader(path: OracleCorpus.path("GeoLite2-City.mmdb")).locationNames()

    @Test func geoLite2CityNamesTheUsualPlaces() throws {
        let names = try #require(Self.names)
        print(
            "geoip names: \(names.countries.count) countries, \(names.regions.count) regions, "
                + "\(names.cities.count) cities")
        #expect(names.countryName("US") == "United States")
        #expect(names.countryName("EE") == "Estonia")
        #expect(names.regionName("US-CA") == "California")
        #expect(names.regionName("GB-ENG") == "England")
        #expect(names.cityName(5_391_959) == "San Francisco")
        #expect(names.cityName(2_761_369) == "Vienna")
        #expect(names.countries.count >= 250)
        #expect(names.regions.count > 3_000)
        #expect(names.cities.count > 50_000)
    }

    /// Every stored code of the reference lookups has a name (city ids after district merging).
    @Test func everyReferenceLocationIsNamed() throws {
        let names = try #require(Self.names)
        var unnamed = Set<String>()
        for row in try OracleCorpus.rows("geoip-reference.jsonl").map(GeoIPReferenceTests.Row.init) {
            let location = row.expectedLocation
            if !location.countryCode.isEmpty, names.countryName(location.countryCode) == nil {
                unnamed.insert(location.countryCode)
            }
            if !location.subdivision1Code.isEmpty, names.regionName(location.subdivision1Code) == nil {
                unnamed.insert(location.subdivision1Code)
            }
            if location.cityGeonameID != 0, names.cityName(location.cityGeonameID) == nil {
                unnamed.insert(String(location.cityGeonameID))
            }
        }
        #expect(unnamed.isEmpty, "\(unnamed.sorted().prefix(20))")
    }
}
