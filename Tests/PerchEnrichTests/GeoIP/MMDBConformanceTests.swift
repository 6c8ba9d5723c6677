import Foundation
import PerchEnrich
import Testing

/// MaxMind's own test databases: every network of the JSON each was built from decodes to that
/// JSON, and the expectations of MaxMind's reader test suite hold for the `MaxMind-DB-test-*` files.
@Suite("MaxMind DB conformance (oracle corpus)", .enabled(if: OracleCorpus.isAvailable))
struct MMDBConformanceTests {
    /// Every `source-data/*.json` with a database of the same name (the Precision-Enterprise-Sandbox
    /// JSON has none).
    static let sourceDatabases = [
        "GeoIP-Anonymous-Plus-Test", "GeoIP-Residential-Proxy-Test", "GeoIP2-Anonymous-IP-Test", "GeoIP2-City-Test",
        "GeoIP2-Connection-Type-Test", "GeoIP2-Country-Test", "GeoIP2-DensityIncome-Test", "GeoIP2-Domain-Test",
        "GeoIP2-Enterprise-Test", "GeoIP2-IP-Risk-Test", "GeoIP2-ISP-Test", "GeoIP2-Precision-Enterprise-Test",
        "GeoIP2-Static-IP-Score-Test", "GeoIP2-User-Count-Test",
        "GeoLite2-ASN-Test", "GeoLite2-City-Test", "GeoLite2-Country-Test",
    ]

    static func testData(_ name: String) throws -> String {
        try OracleCorpus.path("maxmind-test-data/test-data/\(name).mmdb")
    }

    /// One network of a source JSON file, as 128 bits (IPv4 under `::/96`, where the databases hold it).
    struct Network {
        let bits: UInt128
        let length: Int
        let isIPv4: Bool
        let record: Any

        init?(_ cidr: String, _ record: Any) {
            let parts = cidr.split(separator: "/")
            guard parts.count == 2, let address = IPAddress(String(parts[0])), let length = Int(parts[1]) else {
                return nil
            }
            isIPv4 = address.family == .v4
            bits = isIPv4 ? UInt128(address.ipv4Value) : UInt128(address.high) << 64 | UInt128(address.low)
            self.length = isIPv4 ? length + 96 : length
            self.record = record
        }

        func contains(_ other: UInt128) -> Bool {
            length == 0 || (bits ^ other) >> (128 - length) == 0
        }

        var last: UInt128 { length == 128 ? bits : bits | (UInt128.max >> length) }

        func address(_ value: UInt128) -> IPAddress {
            isIPv4
                ? IPAddress(ipv4: UInt32(truncatingIfNeeded: value))
                : IPAddress(high: UInt64(value >> 64), low: UInt64(truncatingIfNeeded: value), family: .v6)
        }
    }

    @Test(arguments: sourceDatabases)
    func everySourceNetworkDecodesToItsJSON(name: String) throws {
        let reader = try MMDBReader(path: Self.testData(name))
        let json = try JSONSerialization.jsonObject(
            with: Data(
                contentsOf: URL(fileURLWithPath: OracleCorpus.path("maxmind-test-data/source-data/\(name).json"))))
        let networks = try #require(json as? [[String: Any]]).compactMap { entry in
            entry.first.flatMap { Network($0.key, $0.value) }
        }
        #expect(!networks.isEmpty)
        var checked = 0
        var differences: [String] = []
        for network in networks {
            for value in [network.bits, network.last] {
                // MaxMind's writer inserts in file order and an insert replaces everything under its
                // network, so the last network of the file holding the address owns it.
                let owner = try #require(networks.lastIndex { $0.contains(value) })
                let expected = networks[owner].record
                checked += 1
                let address = network.address(value)
                guard let record = try reader.lookup(address) else {
                    differences.append("\(address.bytes): no record")
                    continue
                }
                if let difference = MMDBExpectedRecord.difference(record, expected) {
                    differences.append("\(address.bytes): \(difference)")
                }
            }
        }
        print("mmdb conformance \(name): \(checked - differences.count)/\(checked) agree")
        #expect(differences.isEmpty, "\(differences.count) differ, e.g. \(differences.prefix(3))")
    }

    @Test func decoderDatabaseHoldsEveryType() throws {
        let reader = try MMDBReader(path: Self.testData("MaxMind-DB-test-decoder"))
        #expect(reader.metadata.databaseType == "MaxMind DB Decoder Test")
        let expected: MMDBValue = .map([
            "array": .array([.uint(1), .uint(2), .uint(3)]), "boolean": .bool(true), "bytes": .bytes([0, 0, 0, 42]),
            "double": .double(42.123456), "float": .float(1.1), "int32": .int32(-268_435_456),
            "map": .map([
                "mapX": .map(["arrayX": .array([.uint(7), .uint(8), .uint(9)]), "utf8_stringX": .string("hello")])
            ]),
            "uint128": .uint128(high: 1 << 56, low: 0), "uint16": .uint(100), "uint32": .uint(1 << 28),
            "uint64": .uint(1 << 60), "utf8_string": .string("unicode! ☯ - ♫"),
        ])
        for text in ["::1.1.1.0", "1.1.1.3", "::ffff:1.1.1.128"] {
            #expect(try reader.lookup(ip(text)) == expected, "\(text)")
        }
    }

    @Test(
        arguments: [
            ("1.1.1.1", "MaxMind-DB-test-ipv6-32", 8, nil),
            ("::1:ffff:ffff", "MaxMind-DB-test-ipv6-24", 128, "::1:ffff:ffff"),
            ("::2:0:1", "MaxMind-DB-test-ipv6-24", 122, "::2:0:0"),
            ("1.1.1.1", "MaxMind-DB-test-ipv4-24", 32, "1.1.1.1"),
            ("1.1.1.3", "MaxMind-DB-test-ipv4-24", 31, "1.1.1.2"),
            ("1.1.1.3", "MaxMind-DB-test-decoder", 24, ""),
            ("::ffff:1.1.1.128", "MaxMind-DB-test-decoder", 120, ""),
            ("::1.1.1.128", "MaxMind-DB-test-decoder", 120, ""),
            ("200.0.2.1", "MaxMind-DB-no-ipv4-search-tree", 0, "::/64"),
            ("::200.0.2.1", "MaxMind-DB-no-ipv4-search-tree", 64, "::/64"),
            ("0:0:0:0:ffff:ffff:ffff:ffff", "MaxMind-DB-no-ipv4-search-tree", 64, "::/64"),
            ("ef00::", "MaxMind-DB-no-ipv4-search-tree", 1, nil),
        ] as [(String, String, Int, String?)])
    func prefixLengthsMatchMaxMindsReaders(address: String, database: String, prefix: Int, record: String?) throws {
        let reader = try MMDBReader(path: Self.testData(database))
        let found = try reader.lookupNetwork(ip(address))
        #expect(found.prefixLength == prefix)
        switch record {
        case nil: #expect(found.record == nil)
        case "": #expect(found.record?["uint16"] == .uint(100))
        case "::/64"?: #expect(found.record == .string("::/64"))
        case let expected?: #expect(found.record == .map(["ip": .string(expected)]))
        }
    }

    @Test(arguments: [24, 28, 32], [4, 6])
    func searchTreesOfEveryRecordSize(recordSize: Int, ipVersion: Int) throws {
        let reader = try MMDBReader(path: Self.testData("MaxMind-DB-test-ipv\(ipVersion)-\(recordSize)"))
        #expect(reader.metadata.ipVersion == ipVersion && reader.metadata.recordSize == recordSize)
        let pairs: [(String, String)] =
            ipVersion == 4
            ? (0..<6).map { ("1.1.1.\(1 << $0)", "1.1.1.\(1 << $0)") } + [
                ("1.1.1.3", "1.1.1.2"), ("1.1.1.5", "1.1.1.4"), ("1.1.1.7", "1.1.1.4"), ("1.1.1.9", "1.1.1.8"),
                ("1.1.1.15", "1.1.1.8"), ("1.1.1.17", "1.1.1.16"), ("1.1.1.31", "1.1.1.16"),
            ]
            : ["::1:ffff:ffff", "::2:0:0", "::2:0:40", "::2:0:50", "::2:0:58"].map { ($0, $0) } + [
                ("::2:0:1", "::2:0:0"), ("::2:0:33", "::2:0:0"), ("::2:0:39", "::2:0:0"), ("::2:0:41", "::2:0:40"),
                ("::2:0:49", "::2:0:40"), ("::2:0:52", "::2:0:50"), ("::2:0:57", "::2:0:50"), ("::2:0:59", "::2:0:58"),
            ]
        for (address, owner) in pairs {
            #expect(try reader.lookup(ip(address)) == .map(["ip": .string(owner)]), "\(address)")
        }
        for address in ["1.1.1.33", "255.254.253.123"] + (ipVersion == 6 ? ["89fa::"] : ["2001::"]) {
            #expect(try reader.lookup(ip(address)) == nil, "\(address)")
        }
    }

    @Test func metadataWithPointersOpens() throws {
        let reader = try MMDBReader(path: Self.testData("MaxMind-DB-test-metadata-pointers"))
        #expect(reader.metadata.databaseType == "Lots of pointers in metadata")
    }
}
