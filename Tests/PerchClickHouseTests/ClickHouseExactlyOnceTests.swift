import PerchClickHouse
import PerchCore
import PerchJournal
import Synchronization
import Testing

/// A write interrupted after any of its inserts, then replayed (by a restarted store, or by the
/// same store retrying), leaves every event stored once and every session's sums right.
@Suite struct ClickHouseExactlyOnceTests {
    static let interruptible: [ClickHouseEventStore.WriteStep] = [.events, .sessions, .eventIDs]

    /// A store that fails its first write right after `step`, as a crash or a lost answer would.
    static func failingOnce(after step: ClickHouseEventStore.WriteStep, client: ClickHouseClient)
        -> ClickHouseEventStore
    {
        let armed = Mutex(true)
        return ClickHouseEventStore(client: client, node: "node-a", clock: ManualWallClock(seconds: Fixtures.start)) {
            (done: ClickHouseEventStore.WriteStep) throws(ClickHouseError) in
            if done == step,
                armed.withLock({
                    let was = $0; $0 = false; return was
                })
            {
                throw .transport("injected failure after \(step)")
            }
        }
    }

    static func expectExactlyOnce(_ client: ClickHouseClient, journal: [SequencedEntry]) throws {
        #expect(try StoredRows.journalSequences(client) == journal.map(\.sequence))
        let sums = try StoredRows.sessionSums(client)
        let sessions = Fixtures.finalSessions(journal)
        #expect(sums.count == sessions.count)
        for session in sessions.values {
            #expect(sums[session.sessionID] == [1, Int64(session.events), Int64(session.pageviews)])
        }
        #expect(try StoredRows.idempotencyKeys(client).count == Set(journal.compactMap(\.entry.idempotencyKey)).count)
        let distinctKeys = try client.queryBlocking("SELECT count(DISTINCT key) FROM event_ids").scalar().uint64()
        #expect(distinctKeys == UInt64(Set(journal.compactMap(\.entry.idempotencyKey)).count))
    }

    @Test(arguments: interruptible)
    func aRestartedStoreWritesOnlyWhatIsMissing(step: ClickHouseEventStore.WriteStep) async throws {
        try await ClickHouseTestServer.withMigratedDatabase { (client: ClickHouseClient) async throws in
            let journal = Fixtures.journal(visits: 4)
            let first = Array(journal.prefix(6))
            let healthy = ClickHouseEventStore(client: client, node: "node-a")
            try healthy.write(StoreBatch(collapsing: Array(first.prefix(2))))
            #expect(throws: ClickHouseError.self) {
                try Self.failingOnce(after: step, client: client).write(
                    StoreBatch(collapsing: Array(first.dropFirst(2))))
            }
            // After a restart the journal hands out everything after the recorded position: the
            // interrupted entries again, and more.
            let restarted = ClickHouseEventStore(client: client, node: "node-a")
            let applied = try restarted.appliedJournalSequence()
            #expect(applied == 2)
            try restarted.write(StoreBatch(collapsing: journal.filter { $0.sequence > applied }))
            try Self.expectExactlyOnce(client, journal: journal)
            #expect(try restarted.appliedJournalSequence() == UInt64(journal.count))
        }
    }

    @Test(arguments: interruptible)
    func theSameStoreRetryingWritesOnlyWhatIsMissing(step: ClickHouseEventStore.WriteStep) async throws {
        try await ClickHouseTestServer.withMigratedDatabase { (client: ClickHouseClient) async throws in
            let journal = Fixtures.journal(visits: 3)
            let store = Self.failingOnce(after: step, client: client)
            let batch = StoreBatch(collapsing: Array(journal.prefix(4)))
            #expect(throws: ClickHouseError.self) { try store.write(batch) }
            try store.write(batch)
            try store.write(StoreBatch(collapsing: Array(journal.dropFirst(4))))
            try Self.expectExactlyOnce(client, journal: journal)
        }
    }

    @Test func aBatchWhosePositionIsRecordedIsNotHandedOutAgain() async throws {
        try await ClickHouseTestServer.withMigratedDatabase { (client: ClickHouseClient) async throws in
            let journal = Fixtures.journal(visits: 2)
            #expect(throws: ClickHouseError.self) {
                try Self.failingOnce(after: .position, client: client).write(StoreBatch(collapsing: journal))
            }
            #expect(
                try ClickHouseEventStore(client: client, node: "node-a").appliedJournalSequence()
                    == UInt64(journal.count))
            try Self.expectExactlyOnce(client, journal: journal)
        }
    }
}

/// Batches of the event writer's default size: gzipped inserts, and session lookups split into
/// several queries.
@Suite struct ClickHouseLargeBatchTests {
    @Test func aFullBatchReplayedAfterARestartIsStoredOnce() async throws {
        try await ClickHouseTestServer.withMigratedDatabase { (client: ClickHouseClient) async throws in
            let journal = Fixtures.journal(visits: 2_500)
            let half = journal.count / 2
            try ClickHouseEventStore(client: client, node: "node-a").write(
                StoreBatch(collapsing: Array(journal.prefix(half))))
            // A restarted store fails right after storing the second half's events; the next one
            // finds them stored and looks up all 2,500 sessions (more than one query's worth).
            let restarted = ClickHouseExactlyOnceTests.failingOnce(after: .events, client: client)
            let rest = StoreBatch(collapsing: Array(journal.dropFirst(half)))
            #expect(throws: ClickHouseError.self) { try restarted.write(rest) }
            try ClickHouseEventStore(client: client, node: "node-a").write(rest)
            try ClickHouseExactlyOnceTests.expectExactlyOnce(client, journal: journal)
        }
    }
}
