import Dispatch
import Logging
import PerchCore
import Synchronization

/// The write-ahead journal of accepted events: append without blocking, learn when an entry is
/// durable, and hand entries to the writer until the store has applied them.
///
/// Records live in segment files `NNNNNNNNNNNNNNNNNNNN.journal` (named after their first sequence)
/// in one directory. One dedicated thread writes staged records with one `write` and one
/// `fdatasync` per batch (group commit) and then fires the durability callbacks; under load a
/// batch may wait briefly for more records first (`JournalGroupCommit`).
///
/// Life cycle: `init` → `open(appliedSequence:)` (recovery) → `append`… → `close()`.
package final class Journal: Sendable {
    package let directory: String
    package let durability: JournalDurability
    package let maxPendingEntries: Int
    /// The bound on the estimated memory of the entries not yet in the store (`entryCost` each):
    /// past it appends throw `.full`, and the server answers 503, instead of growing.
    package let maxPendingBytes: Int
    package let segmentBytes: Int
    /// How long a batch may wait for more records before its sync (fsync mode).
    package let groupCommit: JournalGroupCommit
    /// How long appends are refused after a failed write before one probes the disk again.
    let retryAfterFailureNanoseconds: UInt64
    /// The machine's CPU times, for `groupCommit`'s `CPURule`.
    let cpuTimes: @Sendable () -> CPUTimes?
    let logger: Logger
    let state = Mutex(JournalState())
    /// Wakes the flusher: appenders signal it once per staged batch (at its first record, or at
    /// `JournalGroupCommit.targetRecords` while the flusher waits for more), `close()` once more.
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
        maxPendingBytes: Int = 256 << 20,
        segmentBytes: Int = 64 << 20,
        groupCommit: JournalGroupCommit = .standard,
        retryAfterFailure: Duration = .seconds(1),
        cpuTimes: @escaping @Sendable () -> CPUTimes? = CPUTimes.readSystem,
        logger: Logger = Logger(label: "perch.journal")
    ) throws(JournalError) {
        precondition(
            maxPendingEntries > 0 && maxPendingBytes > 0 && segmentBytes > 0, "journal limits must be positive")
        self.directory = directory
        self.durability = durability
        self.maxPendingEntries = maxPendingEntries
        self.maxPendingBytes = maxPendingBytes
        self.segmentBytes = segmentBytes
        self.groupCommit = groupCommit
        retryAfterFailureNanoseconds = UInt64(max(0, retryAfterFailure.wholeNanoseconds))
        self.cpuTimes = cpuTimes
        self.logger = logger
        try SegmentFile.createDirectory(directory)
    }

    /// What an entry is taken to cost in memory until the store has it: its encoded size plus the
    /// overhead of the decoded structure (measured: a typical pageview's entry is about 1 KB).
    package static func entryCost(payloadBytes: Int) -> Int { payloadBytes + 768 }

    /// Holds room for `entries` entries of about `bytesEach` encoded bytes, so a request that
    /// journals several events (one per domain) gets room for all of them or for none. Throws
    /// `.full` when there is not room for all. Appends with the reservation use it up; `release`
    /// gives back what they did not use.
    package func reserve(entries: Int, bytesEach: Int) throws(JournalError) -> JournalReservation {
        let cost = entries * Self.entryCost(payloadBytes: bytesEach)
        let epoch = try state.withLock { state throws(JournalError) in
            try Self.checkWritable(state)
            guard state.unapplied + state.reservedEntries + entries <= maxPendingEntries,
                state.unappliedBytes + state.reservedBytes + cost <= maxPendingBytes
            else { throw .full }
            state.reservedEntries += entries
            state.reservedBytes += cost
            return state.faults.epoch
        }
        return JournalReservation(entries: entries, bytes: cost, faultEpoch: epoch)
    }

    /// Gives back the part of `reservation` its appends did not use.
    package func release(_ reservation: JournalReservation) {
        let (entries, bytes) = reservation.takeRest()
        state.withLock { state in
            state.reservedEntries -= entries
            state.reservedBytes -= bytes
        }
    }

    /// Assigns the entry the next sequence and stages it for the flusher. Never waits for I/O.
    /// Throws `.full` when `maxPendingEntries` entries or `maxPendingBytes` of them already wait
    /// for the store (unless `reservation` holds room for it), `.closed` when not open, `.failed`
    /// for a while after a failed write (see `JournalFaults`), and with a reservation made before
    /// a failed write: the request's earlier entries may be lost, so it must not go on.
    @discardableResult
    package func append(_ entry: JournalEntry, reservation: JournalReservation? = nil) throws(JournalError) -> UInt64 {
        let payload = JournalCodec.encode(entry)
        guard payload.count <= JournalFrame.maxPayloadBytes else { throw .malformed("entry too large") }
        let cost = Self.entryCost(payloadBytes: payload.count)
        let (sequence, signal) = try state.withLock { state throws(JournalError) -> (UInt64, Bool) in
            try Self.checkWritable(state)
            if let reservation, reservation.faultEpoch != state.faults.epoch {
                throw .failed("a journal write failed while the request was being journaled")
            }
            if let (entries, bytes) = reservation?.take(cost: cost) {
                state.reservedEntries -= entries
                state.reservedBytes -= bytes
            } else {
                guard state.unapplied + state.reservedEntries < maxPendingEntries,
                    state.unappliedBytes + state.reservedBytes + cost <= maxPendingBytes
                else { throw .full }
            }
            let sequence = state.nextSequence
            state.nextSequence += 1
            state.unapplied += 1
            state.unappliedBytes += cost
            state.staged.append(
                JournalState.Staged(sequence: sequence, payload: payload, entry: entry, cost: cost))
            let signal = !state.wakeupSent && state.staged.count >= state.wakeupAt
            if signal { state.wakeupSent = true }
            return (sequence, signal)
        }
        if signal { wakeup.signal() }
        return sequence
    }

    /// Throws unless the journal is open and not refusing appends after a failed write.
    private static func checkWritable(_ state: JournalState) throws(JournalError) {
        guard case .open = state.phase else { throw .closed }
        // The clock is read only while a fault lasts, so the hot path stays free of it.
        guard state.faults.current != nil else { return }
        if let refusal = state.faults.refusal(now: DispatchTime.now().uptimeNanoseconds) { throw refusal }
    }

    /// Estimated bytes of the entries waiting for the store (see `entryCost`).
    package var pendingBytes: Int {
        state.withLock { $0.unappliedBytes }
    }

    /// Calls `callback` once `sequence` and every record before it are written and synced (in buffer
    /// mode: at once). It may run on the caller's thread or on the flusher thread, so keep it short.
    package func whenDurable(
        _ sequence: UInt64,
        _ callback: @escaping @Sendable (Result<Void, JournalError>) -> Void
    ) {
        let immediate: Result<Void, JournalError>? = state.withLock { state in
            if state.faults.isLost(sequence) { return .failure(Self.lostError) }
            if sequence <= state.durableSequence { return .success(()) }
            switch state.phase {
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

    /// What the flusher's syncs have done since `open`.
    package var syncCounts: JournalSyncCounts {
        state.withLock { $0.syncCounts }
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
            let (entries, bytes) = state.dropApplied(through: sequence)
            state.unapplied -= entries
            state.unappliedBytes -= bytes
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
            case .closing, .closed:
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
