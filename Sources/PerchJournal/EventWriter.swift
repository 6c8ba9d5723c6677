import Dispatch
import Logging
import PerchCore
import ServiceLifecycle
import Synchronization

/// Moves journal entries into the `EventStore` in batches, then checkpoints the journal.
///
/// `run()` flushes every `flushInterval`, and early when the journal reports a full batch. A
/// failing store is retried with capped backoff while the entries stay in the journal (which
/// answers `.full` once it holds too many). On graceful shutdown it closes the journal, so that
/// everything staged is written, and stores everything pending before returning; register it
/// before the HTTP service so that the server has stopped appending by then.
package final class EventWriter: Service, Sendable {
    /// Batch size and timing.
    package struct Configuration: Sendable {
        /// Entries per store write at most. 20,000 rather than 5,000: when new visitors' sessions
        /// landed on random index pages (random session ids in `sessions_session`, visitor ids in
        /// `sessions_user`, both gone since `v13-session-evictions`), a larger batch shared more
        /// of them. Under the load harness it halved `pwrite`s per event (1.0 → 0.5) and cut CPU
        /// per request by about a tenth; at the default 1 s flush interval it only matters above
        /// 5,000 events/s.
        /// On ClickHouse each write is one INSERT per table, and each INSERT a part the server
        /// creates (most of its CPU under load: ext4 inode allocation) and merges later, so the
        /// larger batch means one INSERT a second up to 20,000 events a second instead of four.
        package var batchSize: Int
        package var flushInterval: Duration
        /// The longest wait between retries while the store keeps failing: also how long the store
        /// may stay behind (and a full journal answer 503) after the fault has cleared.
        package var maxRetryBackoff: Duration

        package init(
            batchSize: Int = 20_000,
            flushInterval: Duration = .seconds(1),
            maxRetryBackoff: Duration = .seconds(5)
        ) {
            precondition(batchSize > 0 && flushInterval > .zero, "writer limits must be positive")
            self.batchSize = batchSize
            self.flushInterval = flushInterval
            self.maxRetryBackoff = maxRetryBackoff
        }
    }

    enum Tick: Sendable {
        case timer
        case batchReady
        case stop
    }

    /// Failures since the last successful write: logging says so once per streak.
    struct FlushState {
        var failureStreak = 0
    }

    package let journal: Journal
    package let store: any EventStore
    package let configuration: Configuration
    let clock: any Clock<Duration>
    let observer: (any EventWriterObserver)?
    let logger: Logger
    let ticks: AsyncStream<Tick>
    let tickContinuation: AsyncStream<Tick>.Continuation
    /// Held for a whole flush: two concurrent flushes would store the same entries twice.
    let flushState = Mutex(FlushState())
    let stopRequested = Mutex(false)
    /// Store writes block, so they run here rather than on the cooperative pool.
    let queue = DispatchQueue(label: "perch.event-writer")

    package init(
        journal: Journal,
        store: any EventStore,
        configuration: Configuration = Configuration(),
        clock: any Clock<Duration> = ContinuousClock(),
        observer: (any EventWriterObserver)? = nil,
        logger: Logger = Logger(label: "perch.writer")
    ) {
        self.journal = journal
        self.store = store
        self.configuration = configuration
        self.clock = clock
        self.observer = observer
        self.logger = logger
        (ticks, tickContinuation) = AsyncStream.makeStream(of: Tick.self, bufferingPolicy: .bufferingNewest(1))
        journal.onBatchReady(threshold: configuration.batchSize) { [tickContinuation] in
            tickContinuation.yield(.batchReady)
        }
    }

    /// Writes at most one batch of pending entries to the store and checkpoints the journal.
    /// - Returns: the number of journal entries written (0 when nothing was pending).
    /// - Throws: the store's error; the entries stay pending.
    @discardableResult
    package func flushOnce() throws -> Int {
        try flushState.withLock { state in
            let entries = journal.pendingBatch(max: configuration.batchSize)
            guard let last = entries.last else { return 0 }
            let batch = StoreBatch(collapsing: entries)
            let start = ContinuousClock.now
            do {
                try store.write(batch)
            } catch {
                if state.failureStreak == 0 {
                    logger.error(
                        "event store write failed, retrying",
                        metadata: ["batch.size": "\(entries.count)", "store.error": "\(error)"]
                    )
                }
                state.failureStreak += 1
                observer?.eventWriterDidFail(entries: entries.count, error: error)
                throw error
            }
            let duration = ContinuousClock.now - start
            journal.markApplied(through: last.sequence)
            if state.failureStreak > 0 {
                logger.notice("event store write recovered", metadata: ["failure.count": "\(state.failureStreak)"])
                state.failureStreak = 0
            }
            observer?.eventWriterDidWrite(entries: entries.count, sessions: batch.sessions.count, duration: duration)
            return entries.count
        }
    }

    /// Makes `run()` store what is pending and return. Also what graceful shutdown calls.
    package func stop() {
        stopRequested.withLock { $0 = true }
        tickContinuation.yield(.stop)
    }

    package func run() async throws {
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                group.addTask { [clock, configuration, tickContinuation] in
                    while (try? await clock.sleep(for: configuration.flushInterval)) != nil {
                        tickContinuation.yield(.timer)
                    }
                }
                await flushUntilStopped()
                group.cancelAll()
            }
        } onGracefulShutdown: {
            self.stop()
        }
        if stopRequested.withLock({ $0 }) {
            await offPool { self.drainAtShutdown() }
        }
    }
}
