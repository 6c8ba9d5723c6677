/// Numbers 0, 1, 2… given to things in the order they are first seen, found again by a 64-bit
/// hash of the thing: the caller keeps what each number stands for and says whether a number
/// with the same hash is the same thing. One flat open-addressing table (linear probing, at most
/// half full) and each number's hash: a lookup is a multiply and, mostly, one slot read, where a
/// `Dictionary` would hash again with SipHash and chase its buckets (loading a busy site's
/// columns made millions of such lookups, half its time).
struct NumberSlots: Sendable {
    /// Each number's hash, by number.
    private(set) var hashes: [UInt64] = []
    /// A number plus one, or 0 for an empty slot; the count is a power of two.
    private var slots = [UInt32](repeating: 0, count: 16)

    var count: Int { hashes.count }
    var byteSize: Int { hashes.capacity * 8 + slots.count * 4 }

    /// The number with `hash` for which `isSame` holds, if any.
    func find(_ hash: UInt64, isSame: (UInt32) -> Bool) -> UInt32? {
        let mask = slots.count - 1
        var index = Self.start(of: hash, mask: mask)
        while true {
            let slot = slots[index]
            if slot == 0 { return nil }
            let number = slot - 1
            if hashes[Int(number)] == hash, isSame(number) { return number }
            index = (index + 1) & mask
        }
    }

    /// Gives the next number to a thing with `hash` (one `find` did not find).
    mutating func add(_ hash: UInt64) -> UInt32 {
        let number = UInt32(truncatingIfNeeded: hashes.count)
        hashes.append(hash)
        if hashes.count * 2 > slots.count {
            slots = [UInt32](repeating: 0, count: slots.count * 2)
            for (number, hash) in hashes.enumerated() { place(UInt32(truncatingIfNeeded: number), hash) }
        } else {
            place(number, hash)
        }
        return number
    }

    private mutating func place(_ number: UInt32, _ hash: UInt64) {
        let mask = slots.count - 1
        var index = Self.start(of: hash, mask: mask)
        while slots[index] != 0 { index = (index + 1) & mask }
        slots[index] = number + 1
    }

    /// The slot a hash's probe starts at: its bits mixed by a multiply, so hashes that differ
    /// only in their high bits spread too.
    private static func start(of hash: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// Mixes `word` into `hash` (for hashes of several words: texts' bytes, a tuple's codes).
    static func mix(_ hash: UInt64, _ word: UInt64) -> UInt64 {
        let mixed = (hash ^ word) &* 0x9E37_79B9_7F4A_7C15
        return mixed ^ (mixed >> 29)
    }
}

extension NumberSlots {
    /// Writes the table as it is, so reading it back rebuilds nothing (`ColumnSnapshot`).
    func write(to writer: inout SnapshotWriter) throws {
        try writer.array(hashes)
        try writer.array(slots)
    }

    /// A table `write` wrote, checked so no lookup can read out of bounds.
    init(reading reader: inout SnapshotReader) throws(ColumnSnapshot.Rejection) {
        hashes = try reader.array()
        slots = try reader.array()
        let count = UInt32(truncatingIfNeeded: hashes.count)
        guard slots.count >= 16, slots.count & (slots.count - 1) == 0, hashes.count * 2 <= slots.count,
            slots.allSatisfy({ $0 <= count })
        else { throw .malformed("a number table is inconsistent") }
    }
}
