import PerchEnrich
import Testing

@Suite("Bounded cache")
struct BoundedCacheTests {
    @Test func neverHoldsMoreThanItsCapacity() {
        let cache = BoundedCache<String, Int>(capacity: 64, shardCount: 4)
        #expect(cache.capacity == 64)
        for index in 0..<10_000 {
            cache.insert(index, for: "ua-\(index)")
            #expect(cache.count <= 64)
        }
        #expect(cache.count > 0)
    }

    @Test func returnsWhatWasStored() {
        let cache = BoundedCache<String, Int>(capacity: 1_000)
        cache.insert(7, for: "a")
        cache.insert(8, for: "b")
        cache.insert(9, for: "a")
        #expect(cache["a"] == 9)
        #expect(cache["b"] == 8)
        #expect(cache["c"] == nil)
    }

    @Test func computesOnlyOnMiss() {
        let cache = BoundedCache<String, String>(capacity: 100)
        var calls = 0
        let first = cache.value(for: "k") { key in
            calls += 1; return key.uppercased()
        }
        let second = cache.value(for: "k") { key in
            calls += 1; return key + "!"
        }
        #expect(first == "K")
        #expect(second == "K")
        #expect(calls == 1)
    }

    @Test func updatingAKeyInAFullShardKeepsOtherEntries() {
        let cache = BoundedCache<Int, Int>(capacity: 4, shardCount: 1)
        for key in 0..<4 { cache.insert(key, for: key) }
        cache.insert(99, for: 2)
        #expect(cache.count == 4)
        #expect(cache[2] == 99)
        cache.insert(5, for: 5)
        #expect(cache.count == 1)
        #expect(cache[5] == 5)
    }

    @Test func concurrentUseStaysBounded() async {
        let cache = BoundedCache<Int, Int>(capacity: 128)
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    for index in 0..<5_000 {
                        let key = worker * 100_000 + index
                        #expect(cache.value(for: key) { $0 * 2 } == key * 2)
                    }
                }
            }
        }
        #expect(cache.count <= 128)
    }
}
