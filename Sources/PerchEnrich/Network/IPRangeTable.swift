import PerchCore

/// The datacenter (cloud and hosting) address ranges: events from inside them are dropped as
/// `dc_ip`. Built from CIDR blocks, held as sorted, merged ranges — IPv4 as `UInt32`, IPv6 as
/// `UInt128` — so a lookup is one binary search.
///
/// The file format (`datacenter-ranges.txt`): one CIDR block or address per line, IPv4 or IPv6;
/// `#` starts a comment; a `# entries: N` header line, when present, must match the number of
/// blocks (so a file cut short at a line boundary is still refused).
package struct IPRangeTable: DatasetContent {
    package static let kind = DatasetKind.datacenterRanges

    /// How many CIDR blocks the source listed (before merging).
    package let entryCount: Int
    private let ipv4: IntervalList<UInt32>
    private let ipv6: IntervalList<UInt128>

    private static let mappedFirst: UInt128 = 0xffff << 32
    private static let mappedLast: UInt128 = 0xffff_ffff_ffff

    package init(blocks: some Sequence<CIDRBlock>) {
        var ipv4: [(start: UInt32, end: UInt32)] = []
        var ipv6: [(start: UInt128, end: UInt128)] = []
        var count = 0
        for block in blocks {
            count += 1
            let first = block.firstValue
            let last = block.lastValue
            if block.network.family == .v4 {
                ipv4.append((UInt32(truncatingIfNeeded: first), UInt32(truncatingIfNeeded: last)))
                continue
            }
            ipv6.append((first, last))
            // IPv4 addresses are looked up in the IPv4 table only, so the part of an IPv6 block
            // that covers `::ffff:0:0/96` goes there too.
            if first <= Self.mappedLast, last >= Self.mappedFirst {
                let start = max(first, Self.mappedFirst)
                let end = min(last, Self.mappedLast)
                ipv4.append((UInt32(truncatingIfNeeded: start), UInt32(truncatingIfNeeded: end)))
            }
        }
        entryCount = count
        self.ipv4 = IntervalList(ipv4)
        self.ipv6 = IntervalList(ipv6)
    }

    /// Parses the canonical text; `source` names the file in error messages.
    package init(text: String, source: String = DatasetKind.datacenterRanges.fileName) throws(DatasetError) {
        var blocks: [CIDRBlock] = []
        var declared: Int?
        var lineNumber = 0
        // Split on scalars: as Characters, "\r\n" is one grapheme and would never equal "\n".
        for rawLine in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = Substring(rawLine)
            if let hash = line.firstIndex(of: "#") {
                if let count = Self.declaredCount(line[hash...]) {
                    guard declared == nil else {
                        throw DatasetError("\(source) line \(lineNumber): a second entries header")
                    }
                    declared = count
                }
                line = line[..<hash]
            }
            let entry = String(line).trimmingASCIIWhitespace()
            if entry.isEmpty { continue }
            guard let block = CIDRBlock(entry) else {
                let shown = entry.count > 60 ? String(entry.prefix(60)) + "…" : entry
                throw DatasetError("\(source) line \(lineNumber): '\(shown)' is not an IP address or CIDR block")
            }
            blocks.append(block)
        }
        guard !blocks.isEmpty else { throw DatasetError("\(source) lists no address ranges") }
        if let declared, declared != blocks.count {
            throw DatasetError(
                "\(source) is incomplete: its header declares \(declared) entries, it holds \(blocks.count)"
            )
        }
        self.init(blocks: blocks)
    }

    package init(contentsOfFile path: String) throws(DatasetError) {
        let bytes = try DatasetFile.read(path, limit: 256 << 20)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw DatasetError("\(path) is not UTF-8 text")
        }
        try self.init(text: text, source: path)
    }

    /// Whether `ip` (IPv4, IPv4-mapped or IPv6) is inside one of the ranges.
    package func contains(_ ip: IPAddress) -> Bool {
        if ip.isIPv4Mapped { return ipv4.contains(ip.ipv4Value) }
        return ipv6.contains(UInt128(ip.high) << 64 | UInt128(ip.low))
    }

    /// How many disjoint ranges remain after merging.
    package var rangeCount: Int { ipv4.count + ipv6.count }

    /// The fewest CIDR blocks covering the same addresses, IPv4 first, each family in address order.
    package var minimalBlocks: [CIDRBlock] {
        let v4 = ipv4.prefixBlocks().map { start, length in
            CIDRBlock(CIDRBlock.text(IPAddress(ipv4: start), length))!
        }
        let v6 = ipv6.prefixBlocks().map { start, length in
            let address = IPAddress(
                high: UInt64(truncatingIfNeeded: start >> 64),
                low: UInt64(truncatingIfNeeded: start),
                family: .v6
            )
            return CIDRBlock(CIDRBlock.text(address, length))!
        }
        return v4 + v6
    }

    /// The table in the file format: `header` lines as comments, the entries header, then the
    /// minimal blocks, one per line.
    package func canonicalText(header: [String] = []) -> String {
        let blocks = minimalBlocks
        var text = header.map { "# \($0)\n" }.joined()
        text += "# entries: \(blocks.count)\n"
        for block in blocks { text += block.description + "\n" }
        return text
    }

    private static func declaredCount(_ comment: Substring) -> Int? {
        let body = comment.dropFirst().drop { $0 == " " || $0 == "\t" }
        guard body.hasPrefix("entries:") else { return nil }
        return Int(String(body.dropFirst("entries:".count)).trimmingASCIIWhitespace())
    }
}
