/// The IPv4 part of a MaxMind DB flattened into sorted address ranges, each with its decoded
/// (district-merged) `GeoLocation`, so a lookup reads a bucket entry, a few range starts and one
/// location instead of walking up to 32 tree nodes and decoding a record (the tree walk is a
/// chain of dependent cache misses on random addresses).
///
/// Answers exactly as `MMDBReader.location(_:)` does for IPv4 and IPv4-mapped addresses.
package final class GeoIPv4Index: Sendable {
    /// Each range as its first address (high 32 bits) and its index into `locations` (low 32
    /// bits), ascending; one word, so the binary search's last read also yields the location.
    private let ranges: [UInt64]
    /// Entry `b` is the range holding address `b << 16`; entry 65,536 the last range. The range
    /// of any address in /16 `b` lies between entries `b` and `b + 1`.
    private let buckets: [UInt32]
    /// Each distinct location once; entry 0 is the empty location.
    package let locations: [GeoLocation]

    /// Walks the reader's IPv4 subtree depth-first and decodes each distinct record once. Nil
    /// when the subtree is not a tree (more nodes reached than the file holds: a node shared or
    /// looping), which would otherwise take up to 2^32 steps; the reader's walk still works then.
    package init?(reader: MMDBReader) {
        var builder = Builder(layout: reader.layout)
        guard builder.walk() else { return nil }
        ranges = zip(builder.starts, builder.indexes).map { UInt64($0) << 32 | UInt64($1) }
        locations = builder.locations
        buckets = Self.buckets(for: builder.starts)
    }

    /// How many ranges the index holds.
    package var rangeCount: Int { ranges.count }

    /// First address of each range, ascending: the first is 0, the last range ends at
    /// 255.255.255.255, and adjacent ranges always differ in location.
    package var rangeStarts: [UInt32] { ranges.map { UInt32(truncatingIfNeeded: $0 >> 32) } }

    /// The heap bytes the index holds (ranges, buckets, location table; strings of up to 15
    /// bytes are stored inline, so the location table's own size is all of it in practice).
    package var byteCount: Int {
        ranges.count * 8 + buckets.count * 4 + locations.count * MemoryLayout<GeoLocation>.stride
    }

    /// The location of the IPv4 address with big-endian value `value`.
    @inline(__always)
    package func location(ipv4 value: UInt32) -> GeoLocation {
        locations[Int(locationIndex(ipv4: value))]
    }

    @inline(__always)
    private func locationIndex(ipv4 value: UInt32) -> UInt32 {
        let bucket = Int(value >> 16)
        return buckets.withUnsafeBufferPointer { buckets in
            var low = Int(buckets[bucket])
            var count = Int(buckets[bucket + 1]) - low
            // Any range starting at or before `value` compares <= this, whatever its location.
            let key = UInt64(value) << 32 | 0xFFFF_FFFF
            return ranges.withUnsafeBufferPointer { ranges in
                // Branch-free search over [low, low + count] for the last range starting <= value.
                while count > 0 {
                    let half = (count + 1) >> 1
                    low = ranges[low + half] <= key ? low + half : low
                    count -= half
                }
                return UInt32(truncatingIfNeeded: ranges[low])
            }
        }
    }

    private static func buckets(for starts: [UInt32]) -> [UInt32] {
        var buckets = [UInt32](repeating: 0, count: 65_537)
        var range = 0
        for bucket in 0..<65_536 {
            let address = UInt32(bucket) << 16
            while range + 1 < starts.count, starts[range + 1] <= address { range += 1 }
            buckets[bucket] = UInt32(range)
        }
        buckets[65_536] = UInt32(starts.count - 1)
        return buckets
    }
}

extension GeoIPv4Index {
    /// Collects the ranges while walking; one per index build.
    private struct Builder {
        let layout: MMDBLayout
        var starts: [UInt32] = []
        var indexes: [UInt32] = []
        var locations: [GeoLocation] = [GeoLocation()]
        private var indexByOffset: [Int: UInt32] = [:]
        private var indexByLocation: [GeoLocation: UInt32] = [GeoLocation(): 0]

        init(layout: MMDBLayout) {
            self.layout = layout
        }

        /// Depth-first, left before right, so ranges come out in address order; false when the
        /// walk meets more inner nodes than the tree has.
        mutating func walk() -> Bool {
            var stack: [(Int, Int, UInt32)] = [(layout.ipv4Start, 0, 0)]
            stack.reserveCapacity(64)
            var innerNodes = 0
            while let (node, depth, start) = stack.popLast() {
                if node >= layout.nodeCount || depth == 32 {
                    append(start: start, record: node)
                    continue
                }
                innerNodes += 1
                guard innerNodes <= layout.nodeCount else { return false }
                stack.append((layout.record(node, 1), depth + 1, start | UInt32(1) << (31 - depth)))
                stack.append((layout.record(node, 0), depth + 1, start))
            }
            return true
        }

        private mutating func append(start: UInt32, record: Int) {
            let index = locationIndex(record: record)
            if indexes.last == index { return }
            starts.append(start)
            indexes.append(index)
        }

        /// Mirrors `MMDBLayout.offset(ofRecord:)` and `location(_:)`: the empty record, a node
        /// still inside the tree after 32 bits, and a record outside the data section all give
        /// the empty location, as does a record that fails to decode.
        private mutating func locationIndex(record: Int) -> UInt32 {
            guard record > layout.nodeCount else { return 0 }
            let offset = record - layout.nodeCount - 16
            guard offset >= 0, offset < layout.decoder.bytes.count else { return 0 }
            if let known = indexByOffset[offset] { return known }
            let location = (try? layout.decoder.location(at: offset)) ?? GeoLocation()
            let index: UInt32
            if let known = indexByLocation[location] {
                index = known
            } else {
                index = UInt32(locations.count)
                locations.append(location)
                indexByLocation[location] = index
            }
            indexByOffset[offset] = index
            return index
        }
    }
}
