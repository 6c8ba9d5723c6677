import PerchCore
import Synchronization

/// An `EventStore` in memory that can be told to fail, for writer tests.
final class InMemoryEventStore: EventStore {
    struct StoreError: Error {}

    struct Contents {
        var events: [EventRecord] = []
        var sessions: [UInt64: SessionRecord] = [:]
        var lastSequence: UInt64 = 0
        var batches: [StoreBatch] = []
        var failing = false
    }

    let contents = Mutex(Contents())

    init(lastSequence: UInt64 = 0) {
        contents.withLock { $0.lastSequence = lastSequence }
    }

    var failing: Bool {
        get { contents.withLock { $0.failing } }
        set { contents.withLock { $0.failing = newValue } }
    }

    var events: [EventRecord] { contents.withLock { $0.events } }
    var batches: [StoreBatch] { contents.withLock { $0.batches } }
    var storedSessions: [UInt64: SessionRecord] { contents.withLock { $0.sessions } }

    func write(_ batch: StoreBatch) throws {
        try contents.withLock { contents in
            guard !contents.failing else { throw StoreError() }
            contents.events += batch.events
            for session in batch.sessions where session.events >= contents.sessions[session.sessionID]?.events ?? .min {
                contents.sessions[session.sessionID] = session
            }
            contents.lastSequence = batch.lastSequence
            contents.batches.append(batch)
        }
    }

    func appliedJournalSequence() throws -> UInt64 {
        contents.withLock { $0.lastSequence }
    }

    func sessions(activeSince since: Int64) throws -> [SessionRecord] {
        contents.withLock { $0.sessions.values.filter { $0.timestamp >= since } }
    }
}
