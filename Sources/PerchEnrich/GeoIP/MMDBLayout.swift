/// Where the search tree and the data section lie, and how to walk the tree.
struct MMDBLayout {
    let tree: UnsafeRawPointer
    let nodeCount: Int
    let recordSize: Int
    let isIPv6: Bool
    /// The node reached after 96 zero bits, where IPv4 addresses start in an IPv6 tree.
    private(set) var ipv4Start = 0
    /// How many bits deep `ipv4Start` is: 96, or less when a record ends the zero path early.
    private(set) var ipv4StartDepth = 0
    let decoder: MMDBDecoder
    /// The first `ipv4IndexBits` levels of the IPv4 walk, precomputed: entry `p` holds the record
    /// reached from `ipv4Start` along the bits of `p` (a node at depth `ipv4IndexBits`, or a
    /// record met earlier). Those levels are most of a walk's cache misses. Owned by the reader,
    /// which frees it with `deallocate()`.
    let ipv4Index: UnsafeMutablePointer<UInt32>
    /// 16 bits (256 KiB, held in L2) for a full-size database, a few for a small one.
    let ipv4IndexBits: Int
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
        ipv4IndexBits = min(16, max(1, Int.bitWidth - nodeCount.leadingZeroBitCount - 2))
        ipv4Index = .allocate(capacity: 1 << ipv4IndexBits)
        if isIPv6 {
            var node = 0
            var depth = 0
            while depth < 96, node < nodeCount {
                node = record(node, 0)
                depth += 1
            }
            ipv4Start = node
            ipv4StartDepth = depth
        }
        fillIPv4Index(node: ipv4Start, depth: 0, prefix: 0)
    }

    func deallocate() {
        ipv4Index.deallocate()
    }

    /// Depth-first, so each of the at most 2^bits nodes above the cut is read once; the depth
    /// bound also ends a tree that loops.
    private func fillIPv4Index(node: Int, depth: Int, prefix: Int) {
        if depth == ipv4IndexBits || node >= nodeCount {
            let span = 1 << (ipv4IndexBits - depth)
            (ipv4Index + prefix * span).initialize(repeating: UInt32(truncatingIfNeeded: node), count: span)
            return
        }
        fillIPv4Index(node: record(node, 0), depth: depth + 1, prefix: prefix << 1)
        fillIPv4Index(node: record(node, 1), depth: depth + 1, prefix: prefix << 1 | 1)
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

    /// The data-section offset of the record for `ip`, or nil when no network holds it; starts
    /// IPv4 addresses at the index.
    @inline(__always)
    func dataOffset(for ip: IPAddress) throws(MMDBError) -> Int? {
        guard ip.isIPv4Mapped else { return try network(for: ip).offset }
        let bits = ipv4IndexBits
        let prefix = Int(truncatingIfNeeded: ip.low >> (32 - bits)) & (1 << bits - 1)
        var node = Int(ipv4Index[prefix])
        var bitIndex = 96 + bits
        while bitIndex < 128, node < nodeCount {
            node = record(node, ip.bit(bitIndex))
            bitIndex += 1
        }
        return try offset(ofRecord: node)
    }

    /// The data-section offset of the record for `ip` (nil when no network holds it) and the
    /// length of the network prefix that decided it, counted in IPv4 bits for `.v4` addresses and
    /// in IPv6 bits otherwise, as MaxMind's readers report it. IPv4-mapped IPv6 addresses are
    /// looked up in the IPv4 subtree. The walk takes at most 128 steps, so a tree that loops back
    /// on itself still ends.
    func network(for ip: IPAddress) throws(MMDBError) -> (offset: Int?, prefixLength: Int) {
        var node: Int
        var bitIndex: Int
        var depth: Int
        if ip.isIPv4Mapped {
            node = isIPv6 ? ipv4Start : 0
            depth = isIPv6 ? ipv4StartDepth : 96
            bitIndex = 96
        } else {
            guard isIPv6 else { return (nil, 0) }
            node = 0
            depth = 0
            bitIndex = 0
        }
        while bitIndex < 128, node < nodeCount {
            node = record(node, ip.bit(bitIndex))
            bitIndex += 1
            depth += 1
        }
        return (try offset(ofRecord: node), ip.family == .v4 ? max(0, depth - 96) : depth)
    }

    /// The data-section offset a record value past the tree points at; nil for the empty record.
    @inline(__always)
    private func offset(ofRecord node: Int) throws(MMDBError) -> Int? {
        if node == nodeCount { return nil }
        guard node > nodeCount else { throw .corruptTree }
        let offset = node - nodeCount - 16
        // A record inside the 16-byte separator is a tree fault, not a data fault.
        guard offset >= 0 else { throw .corruptTree }
        guard offset < decoder.bytes.count else { throw .corruptData(offset: offset) }
        return offset
    }
}
