import PerchCore
import Testing

@testable import PerchSQLite

/// Distinct members per group, both as a bitmap and as the pair table, against `Set`s.
@Suite struct GroupedDistinctTests {
    struct Shape: Sendable, CustomTestStringConvertible {
        var groups: Int
        var universe: Int
        var inserts: Int
        var seed: UInt64
        var testDescription: String { "\(groups) groups × \(universe) members, \(inserts) inserts" }
    }

    static let shapes = [
        Shape(groups: 1, universe: 1, inserts: 50, seed: 1),
        Shape(groups: 1, universe: 1_000, inserts: 3_000, seed: 2),
        Shape(groups: 7, universe: 300, inserts: 5_000, seed: 3),
        Shape(groups: 64, universe: 65, inserts: 20_000, seed: 4),
        // Past 65,536 distinct pairs: the pair table grows (several times) while filling.
        Shape(groups: 40, universe: 20_000, inserts: 400_000, seed: 5),
        Shape(groups: 3, universe: 1 << 20, inserts: 300_000, seed: 6),
    ]

    /// Counts of the same inserts into `Set`s, and into a `GroupedDistinct` with `bitmapLimit`.
    static func counts(_ shape: Shape, bitmapLimit: Int) -> (actual: [Int], expected: [Int]) {
        var random = SplitMix64(seed: shape.seed)
        var sets = Array(repeating: Set<UInt32>(), count: shape.groups)
        let distinct = GroupedDistinct(groups: shape.groups, universe: shape.universe, bitmapLimit: bitmapLimit)
        for _ in 0..<shape.inserts {
            let group = Int(random.next() % UInt64(shape.groups))
            // Skewed members: repeats are common, as with returning visitors.
            let draw = random.next()
            let member =
                draw & 1 == 0
                ? UInt32((draw >> 1) % UInt64(min(shape.universe, 97)))
                : UInt32((draw >> 1) % UInt64(shape.universe))
            sets[group].insert(member)
            distinct.insert(group: group, member: member)
        }
        return (distinct.counts, sets.map(\.count))
    }

    @Test(arguments: shapes)
    func bitmapMatchesSets(_ shape: Shape) {
        let (actual, expected) = Self.counts(shape, bitmapLimit: GroupedDistinct.defaultBitmapLimit)
        #expect(actual == expected)
    }

    @Test(arguments: shapes)
    func pairTableMatchesSets(_ shape: Shape) {
        let (actual, expected) = Self.counts(shape, bitmapLimit: 0)
        #expect(actual == expected)
    }

    @Test func pairTablePastInitialCapacity() {
        // Every pair distinct: 200,000 pairs force the 65,536-slot table to grow twice.
        let distinct = GroupedDistinct(groups: 4, universe: 100_000, bitmapLimit: 0)
        for member in 0..<50_000 {
            for group in 0..<4 { distinct.insert(group: group, member: UInt32(member * 2 + group % 2)) }
        }
        // Again: all already held.
        for member in stride(from: 0, to: 50_000, by: 7) { distinct.insert(group: 3, member: UInt32(member * 2 + 1)) }
        #expect(distinct.counts == [50_000, 50_000, 50_000, 50_000])
    }

    @Test func groupAndMemberKeptApart() {
        // (group 1, member 0) and (group 0, member 1) must not collide, in either form.
        for limit in [0, GroupedDistinct.defaultBitmapLimit] {
            let distinct = GroupedDistinct(groups: 2, universe: 2, bitmapLimit: limit)
            distinct.insert(group: 1, member: 0)
            distinct.insert(group: 0, member: 1)
            distinct.insert(group: 1, member: 0)
            #expect(distinct.counts == [1, 1])
        }
    }

    @Test func largestMemberOfUniverse() {
        for limit in [0, GroupedDistinct.defaultBitmapLimit] {
            let distinct = GroupedDistinct(groups: 2, universe: 64, bitmapLimit: limit)
            distinct.insert(group: 0, member: 63)
            distinct.insert(group: 1, member: 0)
            distinct.insert(group: 1, member: 63)
            distinct.insert(group: 0, member: 63)
            #expect(distinct.counts == [1, 2])
        }
    }
}
