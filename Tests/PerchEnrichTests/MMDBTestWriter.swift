import PerchEnrich

/// Builds small MaxMind DBs in memory from (CIDR, value) pairs, for reader tests.
struct MMDBTestWriter {
    var recordSize = 24
    var ipVersion = 6
    var usePointers = true
    var forcedPointerSize: Int?
    /// Unreferenced bytes put first in the data section, to push later offsets up.
    var leadingPadding = 0
    /// When set, the data section is exactly these bytes and every network points at offset 0.
    var rawData: [UInt8]?
    /// Replaces or adds metadata keys, to build wrong metadata.
    var metadataOverrides: [String: MMDBValue] = [:]
    private var entries: [(cidr: String, value: MMDBValue)] = []

    init(recordSize: Int = 24, ipVersion: Int = 6) {
        self.recordSize = recordSize
        self.ipVersion = ipVersion
    }

    mutating func insert(_ cidr: String, _ value: MMDBValue) { entries.append((cidr, value)) }

    private enum Record: Equatable {
        case empty
        case node(Int)
        case data(Int)
    }

    func build() -> [UInt8] {
        var data = MMDBTestEncoder(usePointers: usePointers, forcedPointerSize: forcedPointerSize)
        if leadingPadding > 0 { data.encode(.bytes([UInt8](repeating: 7, count: leadingPadding))) }
        var nodes: [[Record]] = [[.empty, .empty]]
        var valueOffsets: [MMDBValue: Int] = [:]
        let networks = entries.map { entry in (network(entry.cidr), entry.value) }
        for ((high, low, length), value) in networks.sorted(by: { $0.0.2 < $1.0.2 }) {
            let offset: Int
            if rawData != nil {
                offset = 0
            } else if let known = valueOffsets[value] {
                offset = known
            } else {
                offset = data.bytes.count
                valueOffsets[value] = offset
                data.encode(value)
            }
            var node = 0
            for depth in 0..<length {
                let side = Int(truncatingIfNeeded: (depth < 64 ? high : low) >> UInt64(63 - depth % 64)) & 1
                if depth == length - 1 {
                    nodes[node][side] = .data(offset)
                } else if case .node(let child) = nodes[node][side] {
                    node = child
                } else {
                    nodes.append([nodes[node][side], nodes[node][side]])
                    nodes[node][side] = .node(nodes.count - 1)
                    node = nodes.count - 1
                }
            }
        }
        var file: [UInt8] = []
        for node in nodes {
            let values = node.map { record -> Int in
                switch record {
                case .empty: nodes.count
                case .node(let index): index
                case .data(let offset): nodes.count + 16 + offset
                }
            }
            file += encodeNode(values[0], values[1])
        }
        file += [UInt8](repeating: 0, count: 16) + (rawData ?? data.bytes)
        file += [0xAB, 0xCD, 0xEF] + Array("MaxMind.com".utf8)
        var meta = MMDBTestEncoder(usePointers: false)
        meta.encode(.map(metadata(nodeCount: nodes.count)))
        return file + meta.bytes
    }

    private func metadata(nodeCount: Int) -> [String: MMDBValue] {
        var map: [String: MMDBValue] = [
            "node_count": .uint(UInt64(nodeCount)), "record_size": .uint(UInt64(recordSize)),
            "ip_version": .uint(UInt64(ipVersion)), "database_type": .string("Perch-Test-City"),
            "languages": .array([.string("en"), .string("de")]),
            "description": .map(["en": .string("Perch test database"), "de": .string("Testdatenbank")]),
            "build_epoch": .uint(1_700_000_000), "binary_format_major_version": .uint(2),
            "binary_format_minor_version": .uint(0),
        ]
        map.merge(metadataOverrides) { $1 }
        return map
    }

    private func encodeNode(_ left: Int, _ right: Int) -> [UInt8] {
        switch recordSize {
        case 24: return bigEndian(UInt64(left), count: 3) + bigEndian(UInt64(right), count: 3)
        case 28:
            let middle = UInt8((left >> 24) & 0xF) << 4 | UInt8((right >> 24) & 0xF)
            return bigEndian(UInt64(left & 0xff_ffff), count: 3) + [middle]
                + bigEndian(UInt64(right & 0xff_ffff), count: 3)
        default: return bigEndian(UInt64(left), count: 4) + bigEndian(UInt64(right), count: 4)
        }
    }

    /// (high, low, prefix bits) in the tree's own address space.
    private func network(_ cidr: String) -> (UInt64, UInt64, Int) {
        let parts = cidr.split(separator: "/")
        let address = IPAddress(String(parts[0]))!
        let length = Int(parts[1])!
        guard address.family == .v4 else { return (address.high, address.low, length) }
        if ipVersion == 4 { return (UInt64(address.ipv4Value) << 32, 0, length) }
        return (0, UInt64(address.ipv4Value), 96 + length)
    }
}
