/// What the journal keeps for one accepted event: the row to store and, unless the event was an
/// engagement event, the state of its session after it. Only derived values: no raw IP or User-Agent.
package struct JournalEntry: Sendable, Hashable {
    package var event: EventRecord
    package var session: SessionRecord?
    /// The batch endpoint's idempotency key of the event (its `"id"`), stored with it so a retry
    /// is recognised after a restart too.
    package var idempotencyKey: String?

    package init(event: EventRecord, session: SessionRecord?, idempotencyKey: String? = nil) {
        self.event = event
        self.session = session
        self.idempotencyKey = idempotencyKey
    }
}

/// A journal entry with its position in the journal (1, 2, 3, … without gaps).
package struct SequencedEntry: Sendable, Hashable {
    package var sequence: UInt64
    package var entry: JournalEntry

    package init(sequence: UInt64, entry: JournalEntry) {
        self.sequence = sequence
        self.entry = entry
    }
}
