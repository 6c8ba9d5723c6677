// Writes the seed databases of MMDBReaderFuzz (Fuzz/Corpus/MMDBReaderFuzz/gen-*.mmdb) with the
// reader tests' own MMDBTestWriter: every record size and IP version, pointers and no pointers,
// city records as GeoLite2 shapes them, every value type, and a few damaged layouts.
// Built and run by `scripts/fuzz seeds`.
import Foundation
import PerchEnrich

func city(_ cc: String, _ subs: [String], _ id: UInt64?) -> MMDBValue {
    var map: [String: MMDBValue] = [
        "continent": .map(["code": .string("EU"), "names": .map(["en": .string("Europe")])]),
        "country": .map(["iso_code": .string(cc), "geoname_id": .uint(1), "names": .map(["en": .string(cc)])]),
        "location": .map(["latitude": .double(51.5), "longitude": .double(-0.1)]),
        "subdivisions": .array(
            subs.map { .map(["iso_code": .string($0), "geoname_id": .uint(7), "names": .map(["en": .string($0)])]) }),
    ]
    if let id { map["city"] = .map(["geoname_id": .uint(id), "names": .map(["en": .string("Town")])]) }
    return .map(map)
}

let allTypes: MMDBValue = .map([
    "string": .string("héllo"), "mid": .string(String(repeating: "y", count: 40)), "double": .double(-3.25),
    "float": .float(1.5), "bytes": .bytes([0, 1, 255]), "u16": .uint(0xBEEF), "u32": .uint(0xDEAD_BEEF),
    "u64": .uint(.max), "zero": .uint(0), "u128": .uint128(high: 0x0102_0304, low: .max), "neg": .int32(-42),
    "yes": .bool(true), "list": .array([.string("a"), .array([]), .map([:]), .uint(1)]),
    "nested": .map(["deep": .map(["deeper": .array([.string("string")])])]),
])

func standard(_ writer: inout MMDBTestWriter, ipVersion: Int) {
    writer.insert("2.125.160.0/20", city("GB", ["ENG", "WBK"], 2_655_045))
    writer.insert("2.125.160.216/32", .map(["exact": .bool(true)]))
    writer.insert("10.0.0.0/8", allTypes)
    writer.insert("81.2.69.0/24", city("DE", ["BE"], 2_950_159))
    writer.insert("192.168.0.0/16", city("AT", ["9"], 2_779_467))
    if ipVersion == 6 {
        writer.insert("2001:db8::/32", city("SE", [], nil))
        writer.insert("2001:db8:1::/48", city("NL", ["NH"], 2_759_794))
    }
}

@main
enum MMDBSeeds {
    static func main() {
        let directory = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "Fuzz/Corpus/MMDBReaderFuzz"
        var files: [(String, [UInt8])] = []
        for recordSize in [24, 28, 32] {
            for ipVersion in [4, 6] {
                var writer = MMDBTestWriter(recordSize: recordSize, ipVersion: ipVersion)
                standard(&writer, ipVersion: ipVersion)
                files.append(("gen-city-r\(recordSize)-v\(ipVersion).mmdb", writer.build()))
            }
        }
        do {
            var writer = MMDBTestWriter()
            writer.usePointers = false
            standard(&writer, ipVersion: 6)
            files.append(("gen-no-pointers.mmdb", writer.build()))

            writer = MMDBTestWriter()
            writer.forcedPointerSize = 4
            writer.leadingPadding = 300
            standard(&writer, ipVersion: 6)
            files.append(("gen-wide-pointers.mmdb", writer.build()))

            writer = MMDBTestWriter()
            writer.insert("1.0.0.0/8", .uint(1))
            writer.rawData = [0xE1, 0x42, 0x6B, 0x79, 0x20, 0x21]  // a pointer-free map {"ky": ...} cut short
            files.append(("gen-raw-data.mmdb", writer.build()))

            writer = MMDBTestWriter()
            standard(&writer, ipVersion: 6)
            writer.metadataOverrides = ["node_count": .uint(3)]
            files.append(("gen-short-node-count.mmdb", writer.build()))

            writer = MMDBTestWriter(recordSize: 28, ipVersion: 4)
            writer.insert("0.0.0.0/1", city("US", ["CA"], 5_391_959))
            writer.insert("128.0.0.0/1", city("JP", ["13"], 1_850_147))
            files.append(("gen-halves.mmdb", writer.build()))

            writer = MMDBTestWriter()
            files.append(("gen-empty.mmdb", writer.build()))
        }
        for (name, bytes) in files {
            _ = FileManager.default.createFile(atPath: directory + "/" + name, contents: Data(bytes))
            print("\(name): \(bytes.count) bytes")
        }
    }
}
