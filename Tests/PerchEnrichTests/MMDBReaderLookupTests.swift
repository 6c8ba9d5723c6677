import PerchEnrich
import Testing

func ip(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> IPAddress {
    try #require(IPAddress(text), sourceLocation: sourceLocation)
}

struct MMDBReaderLookupTests {
    static let allTypes: MMDBValue = .map([
        "string": .string("héllo wörld"), "long": .string(String(repeating: "x", count: 70_000)),
        "mid": .string(String(repeating: "y", count: 300)), "double": .double(-3.25), "float": .float(1.5),
        "bytes": .bytes([0, 1, 255]), "u16": .uint(0xBEEF), "u32": .uint(0xDEAD_BEEF), "u64": .uint(.max),
        "zero": .uint(0), "u128": .uint128(high: 0x0102_0304, low: .max), "small128": .uint128(high: 0, low: 9),
        "neg": .int32(-42), "pos": .int32(.max), "yes": .bool(true), "no": .bool(false),
        "list": .array([.string("a"), .array([]), .map([:]), .uint(1)]),
        "nested": .map(["deep": .map(["deeper": .array([.string("string")])])]),
    ])

    static func city(_ cc: String, _ subs: [String], _ id: UInt64?) -> MMDBValue {
        var map: [String: MMDBValue] = [
            "continent": .map(["code": .string("EU"), "names": .map(["en": .string("Europe")])]),
            "country": .map(["iso_code": .string(cc), "geoname_id": .uint(1), "names": .map(["en": .string(cc)])]),
            "location": .map(["latitude": .double(51.5), "longitude": .double(-0.1)]),
            "subdivisions": .array(subs.map { .map(["iso_code": .string($0), "geoname_id": .uint(7)]) }),
        ]
        if let id { map["city"] = .map(["geoname_id": .uint(id), "names": .map(["en": .string("Town")])]) }
        return .map(map)
    }

    static func reader(recordSize: Int, ipVersion: Int) throws -> MMDBReader {
        var writer = MMDBTestWriter(recordSize: recordSize, ipVersion: ipVersion)
        writer.insert("2.125.160.0/20", city("GB", ["ENG", "WBK"], 2_655_045))
        writer.insert("2.125.160.216/32", .map(["exact": .bool(true)]))
        writer.insert("10.0.0.0/8", allTypes)
        writer.insert("81.2.69.0/24", city("DE", ["BE"], 2_950_159))
        if ipVersion == 6 {
            writer.insert("2001:db8::/32", city("SE", [], nil))
            writer.insert("2001:db8:1::/48", city("ZZ", ["XX"], 5))
        }
        return try MMDBReader(bytes: writer.build())
    }

    @Test(arguments: [24, 28, 32], [4, 6])
    func lookupsInsideAndOutside(recordSize: Int, ipVersion: Int) throws {
        let reader = try Self.reader(recordSize: recordSize, ipVersion: ipVersion)
        let gb = try #require(try reader.lookup(ip("2.125.160.215")))
        #expect(gb["country"]?["iso_code"]?.stringValue == "GB")
        #expect(try reader.lookup(ip("2.125.160.216"))?["exact"] == .bool(true))
        #expect(try reader.lookup(ip("2.125.176.0")) == nil)
        #expect(try reader.lookup(ip("9.255.255.255")) == nil)
        #expect(try reader.lookup(ip("10.255.0.1")) == Self.allTypes)
        #expect(try reader.lookup(ip("::ffff:10.1.2.3")) == Self.allTypes)
        if ipVersion == 6 {
            #expect(try reader.lookup(ip("2001:db8:ffff::1"))?["country"]?["iso_code"] == .string("SE"))
            #expect(try reader.lookup(ip("2001:db9::1")) == nil)
            // IPv4 networks live under ::/96, so ::a.b.c.d finds them too.
            #expect(try reader.lookup(ip("::10.0.0.1")) == Self.allTypes)
        } else {
            #expect(try reader.lookup(ip("2001:db8::1")) == nil)
        }
        #expect(reader.metadata.recordSize == recordSize)
        #expect(reader.metadata.ipVersion == ipVersion)
    }

    @Test(arguments: [24, 28, 32])
    func locationFastPath(recordSize: Int) throws {
        let reader = try Self.reader(recordSize: recordSize, ipVersion: 6)
        #expect(
            reader.location(try ip("2.125.160.1"))
                == GeoLocation(
                    countryCode: "GB", subdivision1Code: "GB-ENG", subdivision2Code: "GB-WBK", cityGeonameID: 2_655_045)
        )
        #expect(
            reader.location(try ip("81.2.69.160"))
                == GeoLocation(
                    countryCode: "DE", subdivision1Code: "DE-BE", cityGeonameID: 2_950_159))
        #expect(reader.location(try ip("2001:db8::5")) == GeoLocation(countryCode: "SE"))
        #expect(reader.location(try ip("2001:db8:1::5")) == GeoLocation())
        #expect(reader.location(try ip("2.125.160.216")) == GeoLocation())
        #expect(reader.location(try ip("10.0.0.1")) == GeoLocation())
        #expect(reader.location(try ip("192.0.2.1")) == GeoLocation())
    }

    @Test(arguments: ["ZZ", "XX", "T1"])
    func placeholderCountriesAreEmpty(code: String) throws {
        var writer = MMDBTestWriter()
        writer.insert("0.0.0.0/8", Self.city(code, ["AB"], 99))
        let reader = try MMDBReader(bytes: writer.build())
        #expect(reader.location(try ip("0.0.0.1")) == GeoLocation())
    }

    @Test func cityWithoutCountryIsZero() throws {
        var writer = MMDBTestWriter()
        writer.insert("1.0.0.0/8", .map(["city": .map(["geoname_id": .uint(123)])]))
        let reader = try MMDBReader(bytes: writer.build())
        #expect(reader.location(try ip("1.1.1.1")).cityGeonameID == 0)
    }

    @Test(arguments: [(0, nil), (3_000, nil), (600_000, nil), (0, 3)] as [(Int, Int?)])
    func everyPointerForm(padding: Int, forced: Int?) throws {
        var writer = MMDBTestWriter(recordSize: 28)
        writer.leadingPadding = padding
        writer.forcedPointerSize = forced
        writer.insert("1.0.0.0/8", Self.city("FR", ["IDF", "75"], 2_988_507))
        writer.insert("2.0.0.0/8", Self.city("FR", ["IDF"], 1))
        let reader = try MMDBReader(bytes: writer.build())
        #expect(try reader.lookup(ip("2.0.0.1")) == Self.city("FR", ["IDF"], 1))
        #expect(
            reader.location(try ip("1.0.0.1"))
                == GeoLocation(
                    countryCode: "FR", subdivision1Code: "FR-IDF", subdivision2Code: "FR-75", cityGeonameID: 2_988_507))
    }

    @Test func metadataIsDecoded() throws {
        let metadata = try Self.reader(recordSize: 28, ipVersion: 6).metadata
        #expect(metadata.databaseType == "Perch-Test-City")
        #expect(metadata.languages == ["en", "de"])
        #expect(metadata.description == ["en": "Perch test database", "de": "Testdatenbank"])
        #expect(metadata.buildEpoch == 1_700_000_000)
        #expect(metadata.binaryFormatMajorVersion == 2)
        #expect(metadata.nodeCount > 96)
    }
}
