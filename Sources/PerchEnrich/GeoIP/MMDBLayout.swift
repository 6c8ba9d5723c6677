/// Where the search tree and the data section lie, and how to walk the tree.
struct MMDBLayout {
    let tree: UnsafeRawPointer
    let nodeCount: Int
    let recordSize: Int
    let isIPv6: Bool
    /// The node reached after 96 zero bits, where IPv4 addresses start in an IPv6 tree.
    private(set) var ipv4Start = 0
    let decoder: MMDBDecoder

    init(metadata: MMDBMetadata, base: UnsafeRawPointer, metadataStart: Int) throws(MMDBError) {
        nodeCount = metadata.nodeCount
        recordSize = metadata.recordSize
        isIPv6 = metadata.ipVersion == 6
        tree = base
        let treeSize = nodeCount * recordSize / 4
        let markerStart = metadataStart - 14
        guard treeSize + 16 <= markerStart else {
            throw .corruptMetadata("search tree of \(nodeCount) nodes does not fit the file")
        }
        decoder = MMDBDecoder(
            bytes: UnsafeRawBufferPointer(start: base + treeSize + 16, count: markerStart - treeSize - 16))
        if isIPv6 {
            var node = 0
            for _ in 0..<96 where node < nodeCount { node = record(node, 0) }
            ipv4Start = node
        }
    }

    /// Record `side` (0 left, 1 right) of node `node`, which must be below `nodeCount`.
    @inline(__always)
    func record(_ node: Int, _ side: Int) -> Int {
        let bytes = tree + node * recordSize / 4
        @inline(__always) func at(_ index: Int) -> Int { Int(bytes.load(fromByteOffset: index, as: UInt8.self)) }
        switch recordSize {
        case 24:
            let start = side * 3
            return at(start) << 16 | at(start + 1) << 8 | at(start + 2)
        case 28:
            if side == 0 { return (at(3) & 0xF0) << 20 | at(0) << 16 | at(1) << 8 | at(2) }
            return (at(3) & 0x0F) << 24 | at(4) << 16 | at(5) << 8 | at(6)
        default:
            let start = side * 4
            return at(start) << 24 | at(start + 1) << 16 | at(start + 2) << 8 | at(start + 3)
        }
    }

    /// The data-section offset of the record for `ip`, or nil when no network holds it.
    /// The walk takes at most 128 steps, so a tree that loops back on itself still ends.
    @inline(__always)
    func dataOffset(for ip: IPAddress) throws(MMDBError) -> Int? {
        var node: Int
        var bitIndex: Int
        if ip.isIPv4Mapped {
            node = isIPv6 ? ipv4Start : 0
            bitIndex = 96
        } else {
            guard isIPv6 else { return nil }
            node = 0
            bitIndex = 0
        }
        while bitIndex < 128, node < nodeCount {
            node = record(node, ip.bit(bitIndex))
            bitIndex += 1
        }
        if node == nodeCount { return nil }
        guard node > nodeCount else { throw .corruptTree }
        let offset = node - nodeCount - 16
        guard offset >= 0, offset < decoder.bytes.count else { throw .corruptData(offset: offset) }
        return offset
    }
}
