import PerchCore
import Synchronization

/// The ClickHouse store's write role: events, session states (Plausible's sign/version pairs),
/// the batch endpoint's idempotency keys, and this node's applied journal position.
///
/// A batch is several INSERTs, and ClickHouse has no transaction across them, so exactly-once
/// comes from making a repeated write find what is already there (docs/clickhouse.md):
/// * Events of a journal batch carry their entry's `(journal_node, journal_sequence)`. A batch's
///   events are the journal entries `lastSequence - count + 1 … lastSequence` in order, as
///   `StoreBatch(collapsing:)` builds them.
/// * After start-up or a failed write the store is out of sync: before writing it reads the
///   applied position, the sequences of the batch already stored, and the stored state of each
///   session in the batch, and writes only what is missing. In sync, it trusts what it wrote.
/// * A session's `-1`/`+1` rows share `start`, so both land in one partition, in one part: they
///   are stored together or not at all.
/// * The journal position goes last: once it is recorded, nothing before it is written again.
///
/// Writes are serialised (the event writer makes one at a time; a lock makes sure of it) and block
/// on HTTP: call them from a Dispatch thread, as the event writer does.
package final class ClickHouseEventStore: EventStore, Sendable {
    /// The inserts of one write, in order; a test can fail the write after any of them.
    package enum WriteStep: Sendable, Hashable {
        case events, sessions, eventIDs, position
    }

    struct State {
        var inSync = false
        var appliedSequence: UInt64 = 0
        var sessions = SessionStateCache()
    }

    package let client: ClickHouseClient
    /// This node's name: its journal's rows and position are told apart from other nodes' by it.
    package let node: String
    let clock: any WallClock
    let afterStep: (@Sendable (WriteStep) throws(ClickHouseError) -> Void)?
    let state = Mutex(State())

    package init(
        client: ClickHouseClient, node: String, clock: any WallClock = SystemWallClock(),
        afterStep: (@Sendable (WriteStep) throws(ClickHouseError) -> Void)? = nil
    ) {
        self.client = client
        self.node = node
        self.clock = clock
        self.afterStep = afterStep
    }

    package func write(_ batch: StoreBatch) throws(ClickHouseError) {
        try state.withLock { state throws(ClickHouseError) in
            do throws(ClickHouseError) {
                try write(batch, state: &state)
            } catch {
                // Whatever part of the batch landed, the next write must look before it writes.
                state.inSync = false
                state.sessions.removeAll()
                throw error
            }
        }
    }

    private func write(_ batch: StoreBatch, state: inout State) throws(ClickHouseError) {
        let recovering = !state.inSync
        if recovering { state.appliedSequence = try readAppliedSequence() }
        let count = UInt64(batch.events.count)
        let fromJournal = batch.lastSequence > state.appliedSequence && count <= batch.lastSequence
        let firstSequence = batch.lastSequence &- count &+ 1

        var events = RowBinaryWriter(reservingCapacity: batch.events.count * 300)
        let stored: Set<UInt64> =
            recovering && fromJournal && count > 0
            ? try storedSequences(of: batch.events, from: firstSequence, through: batch.lastSequence) : []
        for (offset, event) in batch.events.enumerated() {
            let sequence = fromJournal ? firstSequence + UInt64(offset) : 0
            if fromJournal && (sequence <= state.appliedSequence || stored.contains(sequence)) { continue }
            ClickHouseRows.append(event, node: node, sequence: sequence, to: &events)
        }
        try client.insertBlocking(into: "events", columns: ClickHouseRows.eventColumns, rows: events)
        try afterStep?(.events)

        // In sync, a session's first state (one event) cannot have an earlier one to cancel; other
        // states missing from memory (the store restarted mid-visit) are looked up.
        let unknown = batch.sessions.filter {
            recovering || (state.sessions[$0.sessionID] == nil && $0.events > 1)
        }
        let previous = try storedSessionStates(of: unknown)
        var sessions = RowBinaryWriter(reservingCapacity: batch.sessions.count * 400)
        var written: [SessionStateRow] = []
        for session in batch.sessions {
            let cached = recovering ? nil : state.sessions[session.sessionID]
            let last = cached ?? previous[session.sessionID].map(SessionStateRow.init)
            if let last, last.events >= session.events { continue }
            last?.append(sign: -1, to: &sessions)
            let row = SessionStateRow(session)
            row.append(sign: 1, to: &sessions)
            written.append(row)
        }
        try client.insertBlocking(into: "sessions", columns: ClickHouseRows.sessionColumns, rows: sessions)
        for row in written { state.sessions.record(row) }
        try afterStep?(.sessions)

        var keys = RowBinaryWriter()
        for (key, timestamp) in batch.idempotencyKeys {
            keys.string(key)
            keys.dateTime(timestamp)
            keys.endRow()
        }
        try client.insertBlocking(into: "event_ids", columns: ["key", "timestamp"], rows: keys)
        try afterStep?(.eventIDs)

        if fromJournal {
            var position = RowBinaryWriter()
            position.string(node)
            position.uint64(batch.lastSequence)
            position.dateTime(clock.nowSeconds())
            position.endRow()
            try client.insertBlocking(
                into: "journal_positions", columns: ["node", "sequence", "updated_at"], rows: position)
            state.appliedSequence = batch.lastSequence
            try afterStep?(.position)
        }
        state.inSync = true
    }

    package func appliedJournalSequence() throws(ClickHouseError) -> UInt64 {
        try readAppliedSequence()
    }

    private func readAppliedSequence() throws(ClickHouseError) -> UInt64 {
        let result = try client.queryBlocking(
            "SELECT max(sequence) FROM journal_positions WHERE node = \(ClickHouseSQL.literal(node))")
        return try result.scalar().uint64()
    }

    package func sessions(activeSince since: Int64) throws(ClickHouseError) -> [SessionRecord] {
        let result = try client.queryBlocking(
            "SELECT \(ClickHouseRows.sessionSelectList) FROM sessions WHERE timestamp >= toDateTime(\(since))")
        let states = try Self.currentStates(result.rows)
        return states.values.sorted { ($0.timestamp, $0.sessionID) < ($1.timestamp, $1.sessionID) }
    }
}
