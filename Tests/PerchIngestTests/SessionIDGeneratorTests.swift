import PerchIngest
import Testing

@Suite("Session ids")
struct SessionIDGeneratorTests {
    @Test("ids are never 0 and never repeat; two generators (two processes) make different ids")
    func uniqueAndKeyed() {
        let first = SessionIDGenerator()
        let second = SessionIDGenerator()
        var seen = Set<UInt64>()
        for _ in 0..<200_000 {
            let id = first.next()
            #expect(id != 0)
            seen.insert(id)
        }
        #expect(seen.count == 200_000)
        let others = (0..<1_000).map { _ in second.next() }
        #expect(others.filter(seen.contains).isEmpty)
    }

    @Test("ids spread over the whole range, as random ones would")
    func spread() {
        let generator = SessionIDGenerator()
        let ids = (0..<4_096).map { _ in generator.next() }
        let highBitSet = ids.filter { $0 >> 63 == 1 }.count
        #expect((1_800...2_300).contains(highBitSet))
        let buckets = Set(ids.map { $0 >> 56 })
        #expect(buckets.count > 240)
    }
}
