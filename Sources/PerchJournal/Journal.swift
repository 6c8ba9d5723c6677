import Dispatch
import Logging
import PerchCore
import Synchronization

/// The write-ahead journal of accepted events: append without blocking, learn when an entry is
/// durable, and hand entries to the writer until the store has applied them.
///
/// Records live in segment files `NNNNNNNNNNNNNNNNNNNN.journal` (named after their first sequence)
/// in one directory. One dedicated thread writes staged records with one `write` and one
/// `fdatasync` per batch (group commit) and then fires the durability callbacks.
///
/// Life cycle: `init` → `open(appliedSequence:)` (recovery) → `append`… → `close()`.
package final class Journal: Sendable {
    package let directory: String
    package let durability: JournalDurability
    package let maxPendingEntries: Int
    package let segmentBytes: Int
    let logger: Logger
    let state = Mutex(JournalState())
    /// Wakes the flusher: appenders signal it once per staged batch, `close()` once more.
    let wakeup = DispatchSemaphore(value: 0)
    /// Signalled when the flusher thread has finished.
    let flusherExited = DispatchSemaphore(value: 0)
    /// How long buffer mode may leave written records unsynced.
    static let bufferSyncNanoseconds: UInt64 = 100_000_000

    /// Creates the directory if needed. Call `open(appliedSequence:)` before appending.
    package init(
        directory: String,
        durability: JournalDurability = .fsync,
        maxPendingEntries: Int = 1_000_000,
        segmentBytes: Int = 64 << 20,
        logger: Logger = Logger(label: "perch.journal")
    ) throws(JournalError) {
        precondition(maxPendingEntries > 0 && segmentBytes > 0, "journal limits must be positive")
        self.directory = directory
        self.durability = durability
        self.maxPendingEntries = maxPendingEntries
        self.segmentBytes = segmentBytes
        self.logger = logger
        try SegmentFile.createDirectory(directory)
    }

    /// Assigns the entry the next sequence and stages it for the flusher. Never waits for I/O.
    /// Throws `.full` when `maxPendingEntries` entries already wait for the store, `.closed` when
    /// not open, `.failed` after an I/O error.
    @discardableResult
    package func append(_ entry: JournalEntry) throws(JournalError) -> UInt64 {
        let payload = JournalCodec.encode(entry)
        guard payload.count <= JournalFrame.maxPayloadBytes else { throw .malformed("entry too large") }
        let (sequence, signal) = try state.withLock { state throws(JournalError) -> (UInt64, Bool) in
            switch state.phase {
            case .open: break
            case .failed(let error): throw error
            case .created, .closing, .closed: throw .closed
            }
            guard state.unapplied < maxPendingEntries else { throw .full }
            let sequence = state.nextSequence
            state.nextSequence += 1
            state.unapplied += 1
            state.staged.append(JournalState.Staged(sequence: sequence, payload: payload, entry: entry))
            let signal = !state.wakeupSent
            state.wakeupSent = true
            return (sequence, signal)
        }
        if signal { wakeup.signal() }
        return sequence
    }

    /// Calls `callback` once `sequence` and every record before it are written and synced (in buffer
    /// mode: at once). It may run on the caller's thread or on the flusher thread, so keep it short.
    package func whenDurable(
        _ sequence: UInt64,
        _ callback: @escaping @Sendable (Result<Void, JournalError>) -> Void
    ) {
        let immediate: Result<Void, JournalError>? = state.withLock { state in
            if sequence <= state.durableSequence { return .success(()) }
            switch state.phase {
            case .failed(let error): return .failure(error)
            case .closed: return .failure(.closed)
            case .created, .open, .closing:
                if durability == .buffer { return .success(()) }
                state.waiters.append(JournalState.Waiter(sequence: sequence, callback: callback))
                return nil
            }
        }
        if let immediate { callback(immediate) }
    }

    /// Waits until `sequence` is durable (see `whenDurable`).
    package func waitDurable(_ sequence: UInt64) async throws(JournalError) {
        let result = await withCheckedContinuation { continuation in
            whenDurable(sequence) { continuation.resume(returning: $0) }
        }
        try result.get()
    }

    /// Up to `max` of the oldest entries the store has not applied, in sequence order. Does not
    /// remove them: call `markApplied(through:)` once the store has them.
    package func pendingBatch(max: Int) -> [SequencedEntry] {
        state.withLock { state in
            let end = state.pendingHead + min(max, state.pendingCount)
            return Array(state.pending[state.pendingHead..<end])
        }
    }

    /// Entries written to the journal and waiting for the store.
    package var pendingCount: Int {
        state.withLock { $0.pendingCount }
    }

    /// The last sequence handed out (0 if none).
    package var lastSequence: UInt64 {
        state.withLock { $0.nextSequence - 1 }
    }

    /// Records that the store holds every entry through `sequence`: forgets them and deletes
    /// segment files that hold nothing newer (never the one being written).
    package func markApplied(through sequence: UInt64) {
        let doomed: [String] = state.withLock { state in
            guard sequence > state.appliedSequence else { return [] }
            state.appliedSequence = sequence
            state.unapplied -= state.dropApplied(through: sequence)
            var doomed: [String] = []
            let active = state.activeSegment
            state.segments.removeAll { segment in
                guard segment.last <= sequence, segment.first != active else { return false }
                doomed.append(segment.path)
                return true
            }
            return doomed
        }
        for path in doomed {
            do throws(JournalError) {
                try SegmentFile.remove(path)
            } catch {
                logger.warning("journal segment not deleted", metadata: ["journal.error": "\(error)"])
            }
        }
    }

    /// Calls `handler` (from the flusher thread) whenever at least `threshold` entries are pending
    /// after a write, so a writer can flush before its timer. Replaces an earlier handler.
    package func onBatchReady(threshold: Int, _ handler: @escaping @Sendable () -> Void) {
        state.withLock { state in
            state.batchThreshold = max(threshold, 1)
            state.batchReady = handler
        }
    }

    /// Writes and syncs everything staged, then stops the flusher thread. Idempotent; blocks.
    package func close() {
        let wait: Bool = state.withLock { state in
            switch state.phase {
            case .created:
                state.phase = .closed
                // No flusher ever ran: leave the exit signal that later closes wait for.
                flusherExited.signal()
                return false
            case .open:
                state.phase = .closing
                return true
            case .closing, .closed, .failed:
                return true
            }
        }
        guard wait else { return }
        wakeup.signal()
        // Every caller passes the exit signal on, so concurrent and repeated closes all return.
        flusherExited.wait()
        flusherExited.signal()
    }
}
