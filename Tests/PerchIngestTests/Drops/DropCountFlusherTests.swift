import Logging
import PerchCore
import Synchronization
import Testing

@testable import PerchIngest

/// The flusher stores counts, keeps them when the store fails, and prunes rows past 48 hours.
@Suite struct DropCountFlusherTests {
    final class InMemoryDropCountStore: DropCountStore {
        struct Failure: Error {}
        let state = Mutex<(rows: [DropCount], failing: Bool, cutoffs: [Int64])>(([], false, []))

        func addDropCounts(_ counts: [DropCount]) throws {
            try state.withLock { state in
                if state.failing { throw Failure() }
                state.rows += counts
            }
        }

        func deleteDropCounts(before cutoff: Int64) throws {
            state.withLock { state in
                state.cutoffs.append(cutoff)
                state.rows.removeAll { $0.hour < cutoff }
            }
        }

        func dropCounts(since: Int64, domain: String?) throws -> [DropCount] {
            state.withLock { $0.rows.filter { $0.hour >= since && (domain == nil || $0.domain == domain) } }
        }
    }

    let clock = ManualWallClock(seconds: 1_764_000_000)
    let counter = DropCounter()
    let store = InMemoryDropCountStore()

    var flusher: DropCountFlusher {
        DropCountFlusher(counter: counter, store: store, clock: clock, logger: Logger(label: "test"))
    }

    @Test func flushStoresAndFailureKeepsTheCounts() throws {
        let flusher = flusher
        counter.record(domain: "a.test", reason: .bot, nowMilliseconds: clock.nowMilliseconds())
        store.state.withLock { $0.failing = true }
        #expect(throws: InMemoryDropCountStore.Failure.self) { try flusher.flush() }
        store.state.withLock { $0.failing = false }
        counter.record(domain: "a.test", reason: .bot, nowMilliseconds: clock.nowMilliseconds())
        try flusher.flush()
        #expect(store.state.withLock { $0.rows.map(\.count) } == [2])
        try flusher.flush()
        #expect(store.state.withLock { $0.rows.count } == 1, "nothing new to store")
    }

    @Test func prunesOncePerHourPast48Hours() throws {
        let flusher = flusher
        let hour = DropCounter.hourStart(clock.nowSeconds())
        try store.addDropCounts([
            DropCount(domain: "a.test", reason: "bot", hour: hour - 49 * 3600, count: 1),
            DropCount(domain: "a.test", reason: "bot", hour: hour - 48 * 3600, count: 1),
        ])
        try flusher.flush()
        try flusher.flush()
        #expect(store.state.withLock { $0.cutoffs } == [hour - 48 * 3600])
        #expect(store.state.withLock { $0.rows.map(\.hour) } == [hour - 48 * 3600])
        clock.advance(seconds: 3600)
        try flusher.flush()
        #expect(store.state.withLock { $0.cutoffs } == [hour - 48 * 3600, hour - 47 * 3600])
        #expect(store.state.withLock { $0.rows.isEmpty })
    }
}
