import PerchCore
import PerchEnrich
import Testing

/// Damaged and hostile databases must throw or answer, never crash, hang or read out of bounds.
struct MMDBHostileInputTests {
    static let probes = ["2.125.160.215", "10.0.0.1", "81.2.69.160", "0.0.0.0", "255.255.255.255", "2001:db8::1", "::"]
        .compactMap { IPAddress($0) }

    /// Runs every read path; returns how many lookups produced a value.
    @discardableResult
    static func exercise(_ reader: MMDBReader) -> Int {
        var found = 0
        for probe in probes {
            if (try? reader.lookup(probe)) != nil { found += 1 }
            _ = reader.location(probe)
        }
        return found
    }

    static func sampleDatabase(recordSize: Int) throws -> [UInt8] {
        var writer = MMDBTestWriter(recordSize: recordSize)
        writer.insert("2.125.160.0/20", MMDBReaderLookupTests.city("GB", ["ENG", "WBK"], 2_655_045))
        writer.insert("10.0.0.0/8", MMDBReaderLookupTests.allTypes.removingLongStrings())
        writer.insert("2001:db8::/32", MMDBReaderLookupTests.city("SE", [], 1))
        return writer.build()
    }

    @Test(arguments: [24, 28, 32])
    func everyTruncationThrows(recordSize: Int) throws {
        let full = try Self.sampleDatabase(recordSize: recordSize)
        #expect(Self.exercise(try MMDBReader(bytes: full)) == 3)
        for length in 0..<full.count {
            #expect(throws: MMDBError.self) { try MMDBReader(bytes: Array(full[..<length])) }
        }
    }

    @Test(arguments: [24, 28, 32])
    func flippedBytesNeverCrash(recordSize: Int) throws {
        let full = try Self.sampleDatabase(recordSize: recordSize)
        var random = SplitMix64(seed: UInt64(recordSize))
        var opened = 0
        var rejected = 0
        for _ in 0..<3_000 {
            var damaged = full
            for _ in 0...(random.next() % 3) {
                damaged[Int(random.next() % UInt64(damaged.count))] = UInt8(truncatingIfNeeded: random.next())
            }
            if let reader = try? MMDBReader(bytes: damaged) {
                opened += 1
                Self.exercise(reader)
            } else {
                rejected += 1
            }
        }
        // Most single-byte damage lands in the tree or data, which only fails at lookup time.
        #expect(opened > 1_000)
        #expect(rejected > 0)
    }

    static func rawReader(_ data: [UInt8]) throws -> MMDBReader {
        var writer = MMDBTestWriter()
        writer.rawData = data
        writer.insert("10.0.0.0/8", .bool(true))
        return try MMDBReader(bytes: writer.build())
    }

    @Test(
        arguments: [
            ("pointer to itself", [0x20, 0x00]),
            ("map value points back to the map", [0xE1, 0x41, 0x6B, 0x20, 0x00]),
            ("array of pointers to itself", [0x14] + [UInt8](repeating: 0, count: 20).flatMap { _ in [0x20, 0x00] }),
            ("string longer than the file", [0x5F, 0xFF, 0xFF, 0xFF]),
            ("map with 16 million entries", [0xFF, 0xFF, 0xFF, 0xFF]),
            ("array with huge count", [0x1F, 0x04, 0xFF, 0xFF, 0xFF]),
            ("pointer past the end", [0x38, 0xFF, 0xFF, 0xFF, 0xFF]),
            ("data cache container", [0x00, 0x05]),
            ("end marker", [0x00, 0x06]),
            ("unknown extended type", [0x00, 0x40]),
            ("double of wrong size", [0x64, 1, 2, 3, 4]),
            ("uint16 of 5 bytes", [0xA5, 1, 2, 3, 4, 5]),
            ("truncated control", [0x1F]),
        ] as [(String, [UInt8])])
    func hostileDataThrows(name: String, data: [UInt8]) throws {
        let reader = try Self.rawReader(data)
        let address = try ip("10.1.2.3")
        #expect(throws: MMDBError.self, "\(name)") { try reader.lookup(address) }
        #expect(reader.location(address) == GeoLocation())
    }

    @Test func treeLoopEndsAfter128Steps() throws {
        var bytes = try Self.sampleDatabase(recordSize: 24)
        for index in 0..<6 { bytes[index] = 0 }  // both records of the root point at the root
        let reader = try MMDBReader(bytes: bytes)
        #expect(throws: MMDBError.corruptTree) { try reader.lookup(ip("2001:db8::1")) }
        #expect(reader.location(try ip("2001:db8::1")) == GeoLocation())
    }

    @Test func recordPastTheDataSectionThrows() throws {
        var bytes = try Self.sampleDatabase(recordSize: 32)
        for index in 0..<8 { bytes[index] = 0xFF }
        let reader = try MMDBReader(bytes: bytes)
        #expect(throws: MMDBError.self) { try reader.lookup(ip("2001:db8::1")) }
    }

    @Test(arguments: [
        ("record_size", MMDBValue.uint(30), MMDBError.unsupportedRecordSize(30)),
        ("record_size", .uint(16), .unsupportedRecordSize(16)),
        ("ip_version", .uint(5), .corruptMetadata("ip_version 5")),
        ("binary_format_major_version", .uint(3), .corruptMetadata("binary_format_major_version 3")),
        ("node_count", .uint(0), .corruptMetadata("node_count 0")),
        ("node_count", .string("many"), .corruptMetadata("node_count missing")),
        ("database_type", .uint(1), .corruptMetadata("database_type missing")),
    ])
    func wrongMetadataThrows(key: String, value: MMDBValue, error: MMDBError) {
        var writer = MMDBTestWriter()
        writer.insert("1.0.0.0/8", .bool(true))
        writer.metadataOverrides[key] = value
        #expect(throws: error) { try MMDBReader(bytes: writer.build()) }
    }

    @Test func treeLargerThanFileThrows() {
        var writer = MMDBTestWriter()
        writer.insert("1.0.0.0/8", .bool(true))
        writer.metadataOverrides["node_count"] = .uint(1_000_000)
        #expect(throws: MMDBError.self) { try MMDBReader(bytes: writer.build()) }
    }

    @Test func missingMarkerIsNotMMDB() throws {
        var bytes = try Self.sampleDatabase(recordSize: 24)
        #expect(throws: MMDBError.notMMDB) { try MMDBReader(bytes: []) }
        #expect(throws: MMDBError.notMMDB) { try MMDBReader(bytes: Array("hello".utf8)) }
        let marker = Array("MaxMind.com".utf8)
        let start = try #require(
            (0...(bytes.count - marker.count)).last { bytes[$0..<$0 + marker.count].elementsEqual(marker) })
        bytes[start] = UInt8(ascii: "m")
        #expect(throws: MMDBError.notMMDB) { try MMDBReader(bytes: bytes) }
    }
}

extension MMDBValue {
    /// Keeps fuzzed databases small, so that every truncation runs quickly.
    func removingLongStrings() -> MMDBValue {
        guard case .map(let entries) = self else { return self }
        return .map(entries.filter { $0.key != "long" && $0.key != "mid" })
    }
}
