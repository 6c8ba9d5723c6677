import Foundation
import PerchEnrich
import Testing

/// What `location(_:)` stores (spec §12.2): placeholder countries, `CC-XX` subdivisions and city
/// districts merged into their city.
struct GeoLocationRulesTests {
    static func reader(_ country: String, _ subdivisions: [String], city: UInt64?) throws -> MMDBReader {
        var writer = MMDBTestWriter()
        writer.insert("81.2.69.0/24", MMDBReaderLookupTests.city(country, subdivisions, city))
        return try MMDBReader(bytes: writer.build())
    }

    @Test(arguments: ["ZZ", "XX", "T1"])
    func placeholderCountriesStoreNothing(country: String) throws {
        let reader = try Self.reader(country, ["BE"], city: 2_950_159)
        #expect(reader.location(try ip("81.2.69.1")) == GeoLocation())
        // The generic record keeps the placeholder: only what Perch stores drops it.
        #expect(try reader.lookup(ip("81.2.69.1"))?["country"]?["iso_code"] == .string(country))
    }

    @Test(
        arguments: [
            ([], "", ""), (["ENG"], "GB-ENG", ""), (["ENG", "WBK"], "GB-ENG", "GB-WBK"),
            (["ENG", "WBK", "XYZ"], "GB-ENG", "GB-WBK"),
        ] as [([String], String, String)])
    func subdivisionsArePrefixedWithTheCountry(subdivisions: [String], first: String, second: String) throws {
        let location = try Self.reader("GB", subdivisions, city: 2_655_045).location(ip("81.2.69.200"))
        #expect(
            location
                == GeoLocation(
                    countryCode: "GB", subdivision1Code: first, subdivision2Code: second, cityGeonameID: 2_655_045))
    }

    @Test(
        arguments: [
            (2_870_912, 2_950_159),  // Bezirk Mitte -> Berlin
            (3_336_295, 2_950_159),  // Bezirk Friedrichshain-Kreuzberg -> Berlin
            (2_779_467, 2_761_369),  // Floridsdorf -> Vienna
            (6_091_104, 6_167_865),  // North York -> Toronto
            (11_951_220, 3_067_696),  // Praha 5 -> Prague
            (11_053_706, 588_409),  // Kesklinna linnaosa -> Tallinn
            (2_643_741, 2_643_743),  // City of London -> London
            (7_290_252, 7_290_252),  // Spandau: Plausible keeps it, so do we
            (2_950_159, 2_950_159),  // Berlin itself
            (2_655_045, 2_655_045),  // Boxford (GB), an ordinary city
        ] as [(UInt32, UInt32)])
    func districtsMergeIntoTheirCity(district: UInt32, city: UInt32) throws {
        #expect(CityOverrides.city(for: district) == city)
        let reader = try Self.reader("DE", ["BE"], city: UInt64(district))
        #expect(reader.location(try ip("81.2.69.9")).cityGeonameID == city)
    }

    @Test func mergedCitiesAreNotThemselvesDistricts() {
        let targets: [UInt32] = [
            2_761_369, 2_772_400, 6_167_865, 3_067_696, 2_618_425, 2_615_876, 2_624_652, 588_409, 2_950_159,
            2_867_714, 2_934_246, 2_886_242, 2_946_447, 2_925_533, 1_275_339, 3_530_597, 2_759_794, 2_747_373,
            3_143_244, 683_506, 3_060_972, 2_673_730, 2_661_604, 2_657_896, 2_643_743,
        ]
        for target in targets { #expect(CityOverrides.city(for: target) == target) }
    }

    @Test func cityIsDroppedWithoutACountry() throws {
        var writer = MMDBTestWriter()
        writer.insert("81.2.69.0/24", .map(["city": .map(["geoname_id": .uint(2_950_159)])]))
        #expect(try MMDBReader(bytes: writer.build()).location(ip("81.2.69.1")) == GeoLocation())
    }
}
