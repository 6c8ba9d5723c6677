/// The distinct members (dense numbers, see `DenseIndex`) of each group of one computation:
/// a bitmap of groups × members when that is small, else one open-addressing table of
/// (group, member) pairs.
///
/// Why: a hash set per group costs a retain and a probe of scattered memory per row; members
/// numbered densely make a group's set a row of bits, and one table for all pairs (a
/// `DistinctIntegers`) keeps the per-row work to one probe.
final class GroupedDistinct {
    /// Bitmaps up to this many bits (8 MiB); above, the pair table.
    static let defaultBitmapLimit = 64 << 20

    private(set) var counts: [Int]
    private let universe: Int
    private var bits: UnsafeMutablePointer<UInt64>?
    /// The pair table: `group << 32 | member`.
    private let pairs: DistinctIntegers?

    init(groups: Int, universe: Int, bitmapLimit: Int = defaultBitmapLimit) {
        counts = Array(repeating: 0, count: groups)
        self.universe = max(universe, 1)
        let (bitCount, overflow) = groups.multipliedReportingOverflow(by: self.universe)
        if !overflow, bitCount <= bitmapLimit {
            let words = max((bitCount + 63) / 64, 1)
            bits = .allocate(capacity: words)
            bits?.initialize(repeating: 0, count: words)
            pairs = nil
        } else {
            pairs = DistinctIntegers(expected: 1 << 15)
        }
    }

    deinit {
        bits?.deallocate()
    }

    /// Adds `member` (below `universe`) to `group`.
    @inline(__always)
    func insert(group: Int, member: UInt32) {
        if let bits {
            let bit = group &* universe &+ Int(member)
            let word = bit >> 6
            let mask = UInt64(1) << UInt64(bit & 63)
            if bits[word] & mask == 0 {
                bits[word] |= mask
                counts[group] &+= 1
            }
        } else if pairs?.insert(Int64(group) << 32 | Int64(member)) == true {
            counts[group] &+= 1
        }
    }
}
