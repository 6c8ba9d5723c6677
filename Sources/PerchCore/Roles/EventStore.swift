/// Events and session states to write in one transaction, with the journal position they reach.
package struct StoreBatch: Sendable {
    package var events: [EventRecord]
    /// The newest state of each session touched by the batch, one per session id.
    package var sessions: [SessionRecord]
    /// The sequence of the last journal entry in the batch; stored in the same transaction, so a
    /// replay after a crash skips exactly what was written.
    package var lastSequence: UInt64
    /// The idempotency keys of the batch's events (batch endpoint), each with its event's time.
    package var idempotencyKeys: [(key: String, timestamp: Int64)]

    package init(
        events: [EventRecord], sessions: [SessionRecord], lastSequence: UInt64,
        idempotencyKeys: [(key: String, timestamp: Int64)] = []
    ) {
        self.events = events
        self.sessions = sessions
        self.lastSequence = lastSequence
        self.idempotencyKeys = idempotencyKeys
    }
}

/// Where accepted events end up (SQLite, ClickHouse).
package protocol EventStore: Sendable {
    /// Writes the batch atomically and records `batch.lastSequence` as applied.
    /// A session state replaces the stored one only if it has at least as many events.
    func write(_ batch: StoreBatch) throws
    /// The sequence of the last journal entry the store has applied (0 if none).
    func appliedJournalSequence() throws -> UInt64
    /// Sessions whose last event is at or after `since` (unix seconds), to warm the session cache.
    func sessions(activeSince since: Int64) throws -> [SessionRecord]
}
