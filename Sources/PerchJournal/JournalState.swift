import PerchCore

/// Everything the appenders, the flusher thread and the writer share, guarded by one `Mutex`.
struct JournalState {
    enum Phase {
        /// Created, not yet recovered: nothing may be appended.
        case created
        case open
        /// `close()` was called: no appends; the flusher writes what is staged and exits.
        case closing
        case closed
    }

    /// An appended entry waiting for the flusher.
    struct Staged {
        var sequence: UInt64
        var payload: [UInt8]
        var entry: JournalEntry
        /// `Journal.entryCost` of the entry.
        var cost: Int
    }

    struct Waiter {
        var sequence: UInt64
        var callback: @Sendable (Result<Void, JournalError>) -> Void
    }

    struct Segment {
        var first: UInt64
        var last: UInt64
        var path: String
    }

    var phase = Phase.created
    var nextSequence: UInt64 = 1
    var staged: [Staged] = []
    /// True while a wake-up is on its way to the flusher, so appenders signal at most once per batch.
    var wakeupSent = false
    /// How many staged records make an appender wake the flusher: 1, or while the flusher waits
    /// for a batch to fill (`JournalGroupCommit`), its target.
    var wakeupAt = 1
    /// When the last sync ended (uptime nanoseconds, 0 before the first) and how many records it
    /// made durable: how `JournalGroupCommit` tells a busy journal from a quiet one.
    var lastSyncEnd: UInt64 = 0
    var lastSyncRecords = 0
    var syncCounts = JournalSyncCounts()
    /// Every record up to here is written and synced.
    var durableSequence: UInt64 = 0
    var waiters: [Waiter] = []
    /// Written entries the store has not applied; `pending[pendingHead...]` is the live part.
    var pending: [SequencedEntry] = []
    /// Each pending entry's cost, at the same index as in `pending`.
    var pendingCosts: [Int] = []
    var pendingHead = 0
    /// Staged, being written, or pending: what counts against `maxPendingEntries`.
    var unapplied = 0
    /// Their costs: what counts against `maxPendingBytes`.
    var unappliedBytes = 0
    /// Room held by reservations and not yet used by their appends.
    var reservedEntries = 0
    var reservedBytes = 0
    var appliedSequence: UInt64 = 0
    /// Segment files on disk in sequence order; the flusher's open one is `activeSegment`.
    var segments: [Segment] = []
    var activeSegment: UInt64?
    var batchThreshold = Int.max
    var batchReady: (@Sendable () -> Void)?
    var faults = JournalFaults()
    var observer: (any JournalObserver)?

    var pendingCount: Int { pending.count - pendingHead }

    mutating func appendPending(_ record: Staged) {
        pending.append(SequencedEntry(sequence: record.sequence, entry: record.entry))
        pendingCosts.append(record.cost)
    }

    /// Forgets the pending entries through `sequence`: how many, and their costs.
    mutating func dropApplied(through sequence: UInt64) -> (entries: Int, bytes: Int) {
        var removed = 0
        var bytes = 0
        while pendingHead < pending.count && pending[pendingHead].sequence <= sequence {
            bytes += pendingCosts[pendingHead]
            pendingHead += 1
            removed += 1
        }
        // Compact now and then so the array does not keep applied entries alive.
        if pendingHead == pending.count {
            pending.removeAll(keepingCapacity: true)
            pendingCosts.removeAll(keepingCapacity: true)
            pendingHead = 0
        } else if pendingHead >= 4096 && pendingHead * 2 >= pending.count {
            pending.removeFirst(pendingHead)
            pendingCosts.removeFirst(pendingHead)
            pendingHead = 0
        }
        return (removed, bytes)
    }

    mutating func takeWaiters(through sequence: UInt64) -> [Waiter] {
        guard waiters.contains(where: { $0.sequence <= sequence }) else { return [] }
        var due: [Waiter] = []
        waiters.removeAll { waiter in
            guard waiter.sequence <= sequence else { return false }
            due.append(waiter)
            return true
        }
        return due
    }
}
