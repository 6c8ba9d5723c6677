import Foundation
import PerchEnrich
import Testing

/// `GeoDatabase`'s IPv4 range index answers exactly as the reader's tree walk, on small databases
/// from the test writer.
struct GeoIPv4IndexTests {
    /// Every range start, the addresses on either side of it, both ends of the IPv4 space and
    /// `extra`, each as IPv4 and as IPv4-mapped IPv6 text form: the index and the reader agree.
    static func expectAgreement(
        _ reader: MMDBReader, extra: [IPAddress] = [], sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> GeoIPv4Index {
        let database = GeoDatabase(reader: reader)
        let index = try #require(database.ipv4Index, sourceLocation: sourceLocation)
        let starts = index.rangeStarts
        #expect(starts.first == 0, sourceLocation: sourceLocation)
        #expect(zip(starts, starts.dropFirst()).allSatisfy { $0 < $1 }, sourceLocation: sourceLocation)
        var values: [UInt32] = [0, 1, .max - 1, .max]
        for start in starts { values += [start &- 1, start, start &+ 1] }
        var addresses = extra
        for value in values {
            addresses.append(IPAddress(ipv4: value))
            addresses.append(IPAddress(high: 0, low: 0xffff_0000_0000 | UInt64(value), family: .v6))
        }
        var mismatches: [String] = []
        for address in addresses where database.location(address) != reader.location(address) {
            mismatches.append("\(address.bytes): \(database.location(address)) vs \(reader.location(address))")
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))", sourceLocation: sourceLocation)
        return index
    }

    static func city(_ country: String, _ subdivisions: [String], _ id: UInt64?, note: String = "") -> MMDBValue {
        guard case .map(var map) = MMDBReaderLookupTests.city(country, subdivisions, id) else { return .map([:]) }
        if !note.isEmpty { map["note"] = .string(note) }
        return .map(map)
    }

    static func cityWriter(recordSize: Int, ipVersion: Int) -> MMDBTestWriter {
        var writer = MMDBTestWriter(recordSize: recordSize, ipVersion: ipVersion)
        writer.insert("0.0.0.0/32", city("FR", ["IDF"], 2_988_507))
        writer.insert("1.0.0.0/8", city("DE", ["BE"], 2_870_912))  // Bezirk Mitte, merged into Berlin
        writer.insert("1.2.3.0/24", city("GB", ["ENG", "WBK"], 2_655_045))
        writer.insert("1.2.3.128/25", city("GB", ["SCT"], nil))
        writer.insert("5.0.0.0/8", city("ZZ", [], 1))
        // Two records with one location: the index keeps a single range for both.
        writer.insert("10.0.0.0/9", city("AT", ["9"], 2_761_369))
        writer.insert("10.128.0.0/9", city("AT", ["9"], 2_761_369, note: "second record"))
        writer.insert("128.0.0.0/2", city("US", ["CA"], 5_391_959))
        writer.insert("255.255.255.255/32", city("JP", ["13"], 1_850_147))
        if ipVersion == 6 { writer.insert("2001:db8::/32", city("NL", ["NH"], 2_759_794)) }
        return writer
    }

    @Test(arguments: [24, 28, 32], [4, 6])
    func agreesWithTheTreeWalk(recordSize: Int, ipVersion: Int) throws {
        let reader = try MMDBReader(bytes: Self.cityWriter(recordSize: recordSize, ipVersion: ipVersion).build())
        let extra = try ["1.2.3.4", "1.2.3.200", "10.127.255.255", "10.128.0.0", "::1.2.3.4", "2001:db8::1", "::1"]
            .map { try ip($0) }
        let index = try Self.expectAgreement(reader, extra: extra)
        let database = GeoDatabase(reader: reader)
        #expect(database.location(try ip("1.9.9.9")).cityGeonameID == 2_950_159)
        #expect(database.location(try ip("255.255.255.255")).countryCode == "JP")
        #expect(database.location(try ip("0.0.0.0")).subdivision1Code == "FR-IDF")
        #expect(database.location(try ip("0.0.0.1")) == GeoLocation())
        #expect(database.location(try ip("5.1.2.3")) == GeoLocation())
        #expect(database.location(try ip("::ffff:1.2.3.200")).subdivision1Code == "GB-SCT")
        // FR, none, DE, GB-ENG, GB-SCT, DE, none (2-9: ZZ is no country), AT (both /9s), none, US,
        // none, JP.
        #expect(index.rangeCount == 12)
        #expect(index.locations.count == 8)
        #expect(index.locations[0] == GeoLocation())
    }

    @Test func ipv6AddressesStillWalkTheTree() throws {
        let reader = try MMDBReader(bytes: Self.cityWriter(recordSize: 28, ipVersion: 6).build())
        let database = GeoDatabase(reader: reader)
        #expect(database.location(try ip("2001:db8::1")).countryCode == "NL")
        #expect(database.location(try ip("2001:db9::1")) == GeoLocation())
        #expect(database.location(try ip("::1.2.3.4")) == reader.location(try ip("::1.2.3.4")))
    }

    @Test func databaseWithoutIPv4Networks() throws {
        var writer = MMDBTestWriter()
        writer.insert("2001:db8::/32", Self.city("NL", [], 2_759_794))
        writer.insert("8000::/1", Self.city("SE", [], 2_673_730))
        let reader = try MMDBReader(bytes: writer.build())
        let index = try Self.expectAgreement(reader)
        #expect(index.rangeCount == 1)
        #expect(GeoDatabase(reader: reader).location(try ip("81.2.69.1")) == GeoLocation())
        #expect(GeoDatabase(reader: reader).location(try ip("8000::1")).countryCode == "SE")
    }

    @Test func countryOnlyDatabase() throws {
        var writer = MMDBTestWriter(recordSize: 24, ipVersion: 4)
        writer.insert("81.2.69.0/24", .map(["country": .map(["iso_code": .string("GB")])]))
        writer.insert("81.2.70.0/23", .map(["country": .map(["iso_code": .string("SE")])]))
        let reader = try MMDBReader(bytes: writer.build())
        _ = try Self.expectAgreement(reader)
        #expect(GeoDatabase(reader: reader).location(try ip("81.2.71.255")) == GeoLocation(countryCode: "SE"))
    }

    @Test func damagedRecordsAreEmptyAsInTheReader() throws {
        var writer = MMDBTestWriter()
        writer.rawData = [0x5F, 0xFF, 0xFF, 0xFF]  // a string longer than the file
        writer.insert("1.0.0.0/8", .bool(true))
        let reader = try MMDBReader(bytes: writer.build())
        let index = try Self.expectAgreement(reader)
        #expect(index.locations == [GeoLocation()])
    }

    /// A node that points back at itself would make the walk visit 2^32 leaves: no index then,
    /// and lookups fall back to the reader (which stops after 32 steps).
    @Test func loopingTreeGetsNoIndex() throws {
        var writer = MMDBTestWriter(recordSize: 24, ipVersion: 4)
        writer.insert("0.0.0.0/1", .map(["country": .map(["iso_code": .string("GB")])]))
        var bytes = writer.build()
        bytes.replaceSubrange(0..<3, with: [0, 0, 0])  // node 0's left record -> node 0
        let reader = try MMDBReader(bytes: bytes)
        #expect(reader.metadata.nodeCount == 1)
        let database = GeoDatabase(reader: reader)
        #expect(database.ipv4Index == nil)
        #expect(database.location(try ip("1.2.3.4")) == reader.location(try ip("1.2.3.4")))
    }

    @Test func loadsAsTheGeoIPDataset() throws {
        let bytes = Self.cityWriter(recordSize: 24, ipVersion: 6).build()
        let path = try MMDBDatasetContentTests.temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let database = try GeoDatabase(contentsOfFile: path)
        #expect(GeoDatabase.kind == .geoip)
        #expect(database.entryCount == database.metadata.nodeCount)
        #expect(database.ipv4Index != nil)
        #expect(database.location(try ip("1.2.3.4")).countryCode == "GB")
        #expect(throws: DatasetError("cannot open /nonexistent/geoip.mmdb: No such file or directory")) {
            try GeoDatabase(contentsOfFile: "/nonexistent/geoip.mmdb")
        }
    }
}
