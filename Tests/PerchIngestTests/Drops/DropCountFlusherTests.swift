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

    @Test func aStoreFaultIsLoggedOnceWhenItStartsAndOnceWhenItEnds() {
        let log = MessageLog()
        let flusher = DropCountFlusher(
            counter: counter, store: store, clock: clock, logger: Logger(label: "test") { _ in log })
        store.state.withLock { $0.failing = true }
        for _ in 0..<3 {
            counter.record(domain: "a.test", reason: .bot, nowMilliseconds: clock.nowMilliseconds())
            flusher.flushLogging()
        }
        store.state.withLock { $0.failing = false }
        flusher.flushLogging()
        flusher.flushLogging()
        #expect(log.messages == ["error drops.flush.failed", "notice drops.flush.recovered"])
        #expect(store.state.withLock { $0.rows.map(\.count) } == [3])
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

/// Collects log messages in memory instead of bootstrapping the global logging system.
final class MessageLog: LogHandler, Sendable {
    private let records = Mutex<[String]>([])
    var metadata: Logger.Metadata {
        get { [:] }
        set {}
    }
    var logLevel: Logger.Level {
        get { .trace }
        set {}
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { nil }
        set {}
    }

    func log(event: LogEvent) {
        records.withLock { $0.append("\(event.level) \(event.message)") }
    }

    var messages: [String] { records.withLock { $0 } }
}
