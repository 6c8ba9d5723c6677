import PerchIngest
import Testing

@Suite("Session ids")
struct SessionIDGeneratorTests {
    /// 2026-12-07T12:00:00Z.
    static let noon: Int64 = 1_796_644_800

    @Test("ids are never 0 and never repeat within a second; two generators (two processes) make different ids")
    func uniqueAndKeyed() {
        let first = SessionIDGenerator()
        let second = SessionIDGenerator()
        var seen = Set<UInt64>()
        for _ in 0..<200_000 {
            let id = first.next(startingAt: Self.noon)
            #expect(id != 0)
            seen.insert(id)
        }
        #expect(seen.count == 200_000)
        let others = (0..<1_000).map { _ in second.next(startingAt: Self.noon) }
        // Same second, other key: a pair meets with odds 2^-32, about 0.05 expected meetings here.
        #expect(others.filter(seen.contains).count <= 3)
        #expect(others != (0..<1_000).map { _ in first.next(startingAt: Self.noon) })
    }

    @Test("the start second is the high half, so later sessions have larger ids")
    func orderedByStart() {
        let generator = SessionIDGenerator()
        let starts: [Int64] = [0, 1, 59, Self.noon - 1, Self.noon, Self.noon + 1, Int64(UInt32.max)]
        let ids = starts.map { generator.next(startingAt: $0) }
        #expect(ids.map { Int64($0 >> 32) } == starts)
        #expect(ids == ids.sorted())
        #expect(!ids.contains(0))
    }

    @Test("starts outside 32 bits are clamped")
    func clamped() {
        let generator = SessionIDGenerator()
        #expect(generator.next(startingAt: -5) >> 32 == 0)
        #expect(generator.next(startingAt: Int64(UInt32.max) + 10) >> 32 == UInt64(UInt32.max))
    }

    @Test("the low half looks random: consecutive sessions of one second spread over it")
    func spread() {
        let generator = SessionIDGenerator()
        let lows = (0..<4_096).map { _ in generator.next(startingAt: Self.noon) & 0xffff_ffff }
        let highBitSet = lows.filter { $0 >> 31 == 1 }.count
        #expect((1_800...2_300).contains(highBitSet))
        #expect(Set(lows.map { $0 >> 24 }).count > 240)
        let steps = zip(lows, lows.dropFirst()).filter { $1 == $0 &+ 1 }.count
        #expect(steps < 10)
    }
}
