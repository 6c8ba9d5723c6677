/// The distinct members (dense numbers, see `DenseIndex`) of each group of one computation:
/// a bitmap of groups × members when that is small, else one open-addressing table of
/// (group, member) pairs.
///
/// Why: a hash set per group costs a retain and a probe of scattered memory per row; members
/// numbered densely make a group's set a row of bits, and one table for all pairs keeps the
/// per-row work to one probe.
final class GroupedDistinct {
    /// Bitmaps up to this many bits (8 MiB); above, the pair table.
    static let defaultBitmapLimit = 64 << 20

    private(set) var counts: [Int]
    private let universe: Int
    private var bits: UnsafeMutablePointer<UInt64>?
    private var wordCount = 0
    /// Pair table: `(group << 32 | member) + 1`, 0 for an empty slot.
    private var slots: UnsafeMutablePointer<UInt64>?
    private var capacity = 0
    /// 64 − log2(capacity): the product's top bits index the table (Fibonacci hashing).
    private var shift: UInt64 = 48
    private var stored = 0

    init(groups: Int, universe: Int, bitmapLimit: Int = defaultBitmapLimit) {
        counts = Array(repeating: 0, count: groups)
        self.universe = max(universe, 1)
        let (bitCount, overflow) = groups.multipliedReportingOverflow(by: self.universe)
        if !overflow, bitCount <= bitmapLimit {
            wordCount = (bitCount + 63) / 64
            bits = .allocate(capacity: max(wordCount, 1))
            bits?.initialize(repeating: 0, count: max(wordCount, 1))
        } else {
            capacity = 1 << 16
            slots = .allocate(capacity: capacity)
            slots?.initialize(repeating: 0, count: capacity)
        }
    }

    deinit {
        bits?.deallocate()
        slots?.deallocate()
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
            return
        }
        if stored &* 4 >= capacity &* 3 { grow() }
        let key = (UInt64(group) << 32 | UInt64(member)) &+ 1
        if Self.place(key, in: slots!, mask: capacity &- 1, shift: shift) {
            stored &+= 1
            counts[group] &+= 1
        }
    }

    private static func place(_ key: UInt64, in slots: UnsafeMutablePointer<UInt64>, mask: Int, shift: UInt64) -> Bool {
        var index = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) & mask
        while true {
            let slot = slots[index]
            if slot == key { return false }
            if slot == 0 {
                slots[index] = key
                return true
            }
            index = (index &+ 1) & mask
        }
    }

    private func grow() {
        guard let old = slots else { return }
        let oldCapacity = capacity
        capacity *= 2
        shift -= 1
        let new = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity)
        new.initialize(repeating: 0, count: capacity)
        for index in 0..<oldCapacity where old[index] != 0 {
            _ = Self.place(old[index], in: new, mask: capacity &- 1, shift: shift)
        }
        old.deallocate()
        slots = new
    }
}
