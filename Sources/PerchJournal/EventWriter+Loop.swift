import Logging
import PerchCore

extension EventWriter {
    /// Flushes on every tick until stopped or cancelled. While the store fails, early ticks are
    /// ignored and timer ticks are skipped in growing numbers (1, 2, 4, …) up to the backoff cap.
    func flushUntilStopped() async {
        let maxSkipped = max(1, Int((configuration.maxRetryBackoff / configuration.flushInterval).rounded(.up)))
        var failures = 0
        var ticksToSkip = 0
        for await tick in ticks {
            if stopRequested.withLock({ $0 }) { return }
            if failures > 0 {
                if case .batchReady = tick { continue }
                if ticksToSkip > 0 {
                    ticksToSkip -= 1
                    continue
                }
            }
            if await offPool({ self.drain() }) {
                failures = 0
            } else {
                failures += 1
                ticksToSkip = min(1 << min(failures - 1, 20), maxSkipped) - 1
            }
        }
    }

    /// Writes batches until less than a full batch is pending. Returns false if the store failed.
    func drain() -> Bool {
        do {
            while try flushOnce() == configuration.batchSize {}
            return true
        } catch {
            return false
        }
    }

    /// The last flush: no new entries can arrive once the journal is closed. A store failure
    /// here leaves the entries in the journal for the next start to replay.
    func drainAtShutdown() {
        journal.close()
        do {
            while try flushOnce() > 0 {}
        } catch {
            logger.warning(
                "event writer stopped with entries left for replay",
                metadata: ["journal.pending": "\(journal.pendingCount)"]
            )
        }
    }

    func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: work()) }
        }
    }
}
