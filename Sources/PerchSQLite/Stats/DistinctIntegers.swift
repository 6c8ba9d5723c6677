/// A set of 64-bit integers that only grows and counts: the state of one `perch_uniq` group.
///
/// Why not `Set<Int64>`: counting the visitors of a busy site inserts half a million ids per
/// query, and an open-addressing table with a multiplicative mix does that several times faster
/// than SipHash-keyed `Set` (which guards against hash flooding, a risk the ids — salted hashes —
/// do not pose), and far faster than SQLite's own `count(DISTINCT)`, which builds a B-tree. The
/// slots are a raw allocation so the hot loop has no exclusivity or bounds checks; the class
/// owns it and frees it in `deinit`.
final class DistinctIntegers {
    /// Mixed values; 0 marks an empty slot (the one value that mixes to 0 is kept aside).
    private var slots: UnsafeMutablePointer<UInt64>
    private var capacity: Int
    private var stored = 0
    private var hasUnslottable = false

    init(expected: Int = 512) {
        var size = 16
        while size < expected * 2 { size <<= 1 }
        capacity = size
        slots = .allocate(capacity: size)
        slots.initialize(repeating: 0, count: size)
    }

    deinit {
        slots.deallocate()
    }

    var count: Int { stored + (hasUnslottable ? 1 : 0) }

    /// True when `value` was not in the set yet.
    @discardableResult
    func insert(_ value: Int64) -> Bool {
        let key = Self.mix(UInt64(bitPattern: value))
        guard key != 0 else {
            defer { hasUnslottable = true }
            return !hasUnslottable
        }
        if stored &* 4 >= capacity &* 3 { grow() }
        guard Self.place(key, in: slots, mask: capacity &- 1) else { return false }
        stored &+= 1
        return true
    }

    /// A bijection of 64-bit values (MurmurHash3's finaliser), so distinct values stay distinct.
    private static func mix(_ value: UInt64) -> UInt64 {
        var key = value
        key ^= key >> 33
        key &*= 0xFF51_AFD7_ED55_8CCD
        key ^= key >> 33
        key &*= 0xC4CE_B9FE_1A85_EC53
        key ^= key >> 33
        return key
    }

    /// Linear probing; true when `key` was not there yet.
    private static func place(_ key: UInt64, in slots: UnsafeMutablePointer<UInt64>, mask: Int) -> Bool {
        var index = Int(truncatingIfNeeded: key) & mask
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
        let old = slots
        let oldCapacity = capacity
        capacity = oldCapacity * 2
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: 0, count: capacity)
        for index in 0..<oldCapacity where old[index] != 0 {
            _ = Self.place(old[index], in: slots, mask: capacity &- 1)
        }
        old.deallocate()
    }
}
