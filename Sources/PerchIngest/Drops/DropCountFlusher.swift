import Logging
import PerchCore
import ServiceLifecycle
import Synchronization

/// Moves the pipeline's in-memory drop counts into the store every `interval` and once more at
/// shutdown, and deletes counts older than `retentionSeconds` (48 h) once per hour.
package final class DropCountFlusher: Service, Sendable {
    package static let retentionSeconds: Int64 = 48 * 3600

    package let counter: DropCounter
    package let store: any DropCountStore
    package let clock: any WallClock
    package let interval: Duration
    package let logger: Logger
    private let lastPrunedHour = Mutex<Int64?>(nil)
    /// Whether the last flush failed: a store fault is logged when it starts and when it ends,
    /// not on every tick while it lasts.
    private let failing = Mutex(false)

    package init(
        counter: DropCounter,
        store: any DropCountStore,
        clock: any WallClock,
        interval: Duration = .seconds(5),
        logger: Logger
    ) {
        self.counter = counter
        self.store = store
        self.clock = clock
        self.interval = interval
        self.logger = logger
    }

    /// Stores what was counted since the last flush; on failure the counts go back to the counter.
    package func flush() throws {
        let counts = counter.drain()
        if !counts.isEmpty {
            do {
                try store.addDropCounts(counts)
            } catch {
                counter.restore(counts)
                throw error
            }
        }
        let hour = DropCounter.hourStart(clock.nowSeconds())
        if lastPrunedHour.withLock({ $0 }) != hour {
            try store.deleteDropCounts(before: hour - Self.retentionSeconds)
            lastPrunedHour.withLock { $0 = hour }
        }
    }

    package func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while true {
                try await Task.sleep(for: self.interval)
                await BlockingWork.run { self.flushLogging() }
            }
        }
        await BlockingWork.run { self.flushLogging() }
    }

    /// `flush()`, logging a failure when a fault starts and a notice when it ends.
    func flushLogging() {
        do {
            try flush()
            if setFailing(false) { logger.notice("drops.flush.recovered") }
        } catch {
            if !setFailing(true) { logger.error("drops.flush.failed", metadata: ["error": "\(error)"]) }
        }
    }

    /// Sets `failing`, returning what it was.
    private func setFailing(_ new: Bool) -> Bool {
        failing.withLock { failing in
            defer { failing = new }
            return failing
        }
    }
}
