import PerchClickHouse
import PerchCore
import PerchJournal
import Synchronization
import Testing

/// The write role on a real server: rows that read back as written, Plausible's sign/version
/// session rows, and the journal position.
@Suite struct ClickHouseEventStoreTests {
    static let clock = ManualWallClock(seconds: Fixtures.start + 60)

    static func store(_ client: ClickHouseClient, node: String = "node-a") -> ClickHouseEventStore {
        ClickHouseEventStore(client: client, node: node, clock: clock)
    }

    @Test func eventsReadBackAsWritten() async throws {
        try await ClickHouseTestServer.withMigratedDatabase { (client: ClickHouseClient) async throws in
            let journal = Fixtures.journal(visits: 4)
            try Self.store(client).write(StoreBatch(collapsing: journal))
            let stored = try StoredRows.events(client)
            #expect(stored == journal.map(\.entry.event))
            #expect(try StoredRows.journalSequences(client) == journal.map(\.sequence))
            #expect(try StoredRows.idempotencyKeys(client) == ["key-1", "key-2", "key-3", "key-4"])
        }
    }

    @Test func sessionsReadBackAsTheirNewestState() async throws {
        try await ClickHouseTestServer.withMigratedDatabase { (client: ClickHouseClient) async throws in
            let journal = Fixtures.journal(visits: 3)
            let store = Self.store(client)
            try store.write(StoreBatch(collapsing: journal))
            let expected = Fixtures.finalSessions(journal)
            let active = try store.sessions(activeSince: 0)
            #expect(Dictionary(uniqueKeysWithValues: active.map { ($0.sessionID, $0) }) == expected)
            #expect(active.map(\.timestamp) == active.map(\.timestamp).sorted())
            #expect(try store.sessions(activeSince: Fixtures.start + 31).isEmpty)
        }
    }

    @Test func eachSessionChangeCancelsThePreviousStateAsPlausibleDoes() async throws {
        try await ClickHouseTestServer.withMigratedDatabase { (client: ClickHouseClient) async throws in
            let journal = Fixtures.journal(visits: 2)
            let store = Self.store(client)
            // One entry per batch: every change after the first writes a -1 and a +1 row.
            for entry in journal { try store.write(StoreBatch(collapsing: [entry])) }
            // Background merges may already have collapsed some pairs; what is left is one +1 row
            // per session and whole pairs. Without the -1 rows each sum of signs would be 4.
            let rows = try client.queryBlocking("SELECT countIf(sign = 1), countIf(sign = -1) FROM sessions")
            let (plus, minus) = (try rows.rows[0][0].int64(), try rows.rows[0][1].int64())
            #expect(plus == minus + 2)
            let sums = try StoredRows.sessionSums(client)
            for session in Fixtures.finalSessions(journal).values {
                #expect(sums[session.sessionID] == [1, Int64(session.events), Int64(session.pageviews)])
            }
            #expect(try store.sessions(activeSince: 0).count == 2)
        }
    }

    @Test func aRestartedStoreLooksUpTheStateItCancels() async throws {
        try await ClickHouseTestServer.withMigratedDatabase { (client: ClickHouseClient) async throws in
            let journal = Fixtures.journal(visits: 3)
            try Self.store(client).write(StoreBatch(collapsing: Array(journal.prefix(5))))
            // A new store (as after a restart) knows nothing of what was written.
            try Self.store(client).write(StoreBatch(collapsing: Array(journal.dropFirst(5))))
            let sums = try StoredRows.sessionSums(client)
            for session in Fixtures.finalSessions(journal).values {
                #expect(sums[session.sessionID] == [1, Int64(session.events), Int64(session.pageviews)])
            }
        }
    }

    @Test func theJournalPositionIsEachNodesOwn() async throws {
        try await ClickHouseTestServer.withMigratedDatabase { (client: ClickHouseClient) async throws in
            let a = Self.store(client, node: "node-a")
            let b = Self.store(client, node: "node-b")
            #expect(try a.appliedJournalSequence() == 0)
            let journal = Fixtures.journal(visits: 2)
            try a.write(StoreBatch(collapsing: Array(journal.prefix(3))))
            try a.write(StoreBatch(collapsing: Array(journal.dropFirst(3))))
            #expect(try a.appliedJournalSequence() == UInt64(journal.count))
            #expect(try b.appliedJournalSequence() == 0)
            // Another node's journal numbers its entries from 1 too: its rows are not mistaken for a's.
            try b.write(StoreBatch(collapsing: Array(Fixtures.journal(visits: 1, siteID: 8).prefix(2))))
            #expect(try b.appliedJournalSequence() == 2)
            #expect(
                try client.queryBlocking("SELECT count() FROM events").scalar().uint64() == UInt64(journal.count + 2))
        }
    }

    @Test func batchesFromOutsideTheJournalAreWrittenWhole() async throws {
        // `perch dev seed` writes at the position the store already has: nothing to skip.
        try await ClickHouseTestServer.withMigratedDatabase { (client: ClickHouseClient) async throws in
            let store = Self.store(client)
            let journal = Fixtures.journal(visits: 2)
            try store.write(StoreBatch(collapsing: Array(journal.prefix(2))))
            let seed = Fixtures.journal(visits: 3, siteID: 9).map(\.entry)
            try store.write(
                StoreBatch(events: seed.map(\.event), sessions: seed.compactMap(\.session), lastSequence: 2))
            try store.write(StoreBatch(events: seed.map(\.event), sessions: [], lastSequence: 0))
            #expect(
                try client.queryBlocking("SELECT count() FROM events").scalar().uint64() == UInt64(2 + 2 * seed.count))
            #expect(try store.appliedJournalSequence() == 2)
        }
    }
}

/// The session cache's way back to a session it evicted.
@Suite struct ClickHouseSessionArchiveTests {
    @Test func theNewestActiveStateOfTheVisitorsSessionsOnTheSite() async throws {
        try await ClickHouseTestServer.withMigratedDatabase { (client: ClickHouseClient) async throws in
            let store = ClickHouseEventStore(client: client, node: "node-a")
            let journal = Fixtures.journal(visits: 3)
            try store.write(StoreBatch(collapsing: Array(journal.prefix(7))))
            try store.write(StoreBatch(collapsing: Array(journal.dropFirst(7))))
            let final = Fixtures.finalSessions(journal).values.sorted { $0.userID < $1.userID }
            let visitor = final[0]
            // Another session of the same visitor that ended earlier, and one on another site.
            var earlier = visitor
            earlier.sessionID = 1
            earlier.start -= 3_600
            earlier.timestamp -= 3_600
            var elsewhere = visitor
            elsewhere.sessionID = 2
            elsewhere.siteID = 99
            elsewhere.timestamp += 60
            try store.write(StoreBatch(events: [], sessions: [earlier, elsewhere], lastSequence: 0))

            let found = try store.latestSession(
                siteID: visitor.siteID, userIDs: [12, visitor.userID], activeSince: visitor.timestamp - 1_800)
            #expect(found == visitor)
            #expect(
                try store.latestSession(
                    siteID: visitor.siteID, userIDs: [visitor.userID], activeSince: visitor.timestamp + 1) == nil)
            #expect(try store.latestSession(siteID: visitor.siteID, userIDs: [12], activeSince: 0) == nil)
            #expect(try store.latestSession(siteID: visitor.siteID, userIDs: [], activeSince: 0) == nil)
            #expect(
                try store.latestSession(siteID: visitor.siteID, userIDs: [visitor.userID], activeSince: 0)?.sessionID
                    == visitor.sessionID)
        }
    }
}
