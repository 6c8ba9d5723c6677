import PerchCore
import PerchIngest
import Testing

@testable import PerchSQLite

@Suite struct SQLiteEventStoreTests {
    let store: SQLiteStore

    init() throws {
        store = SQLiteStore(database: try .inMemory())
    }

    private func events(site: Int64 = 1) throws -> [EventRecord] {
        var out: [EventRecord] = []
        try store.exportEvents(siteID: site) { out.append($0) }
        return out
    }

    private func sessions(site: Int64 = 1) throws -> [SessionRecord] {
        var out: [SessionRecord] = []
        try store.exportSessions(siteID: site) { out.append($0) }
        return out
    }

    @Test(arguments: [
        nil, Fixtures.revenue,
        Revenue(
            sourceAmount: MilliAmount(thousandths: -5), sourceCurrency: "JPY",
            reportingAmount: nil, reportingCurrency: "USD"),
    ])
    func everyEventColumnRoundTrips(revenue: Revenue?) throws {
        let event = Fixtures.event(revenue: revenue)
        try store.write(StoreBatch(events: [event], sessions: [], lastSequence: 1))
        #expect(try events() == [event])
    }

    @Test func everySessionColumnRoundTrips() throws {
        let session = Fixtures.session()
        try store.write(StoreBatch(events: [], sessions: [session], lastSequence: 1))
        #expect(try sessions() == [session])
    }

    /// Text is bound from one buffer per statement, refilled for each row (`StatementHandle`):
    /// each row keeps its own strings, whether the row before had longer, shorter or empty ones.
    @Test func eachRowOfABatchKeepsItsOwnText() throws {
        let texts = ["/" + String(repeating: "long-segment/", count: 400), "/ü", "", "/🦜 x", ""]
        let events = texts.enumerated().map { offset, text in
            var event = Fixtures.event(
                timestamp: 1_795_773_600 + Int64(offset), name: offset.isMultiple(of: 2) ? "" : "pageview")
            event.pathname = text
            event.visit.referrer = String(text.reversed())
            event.props = text.isEmpty ? [] : [Prop(key: "k", value: text)]
            return event
        }
        let sessions = texts.enumerated().map { offset, text in
            var session = Fixtures.session(id: UInt64(offset + 1), start: 1_795_773_600 + Int64(offset))
            session.entryPage = text
            session.visit.browser = String(text.prefix(3))
            return session
        }
        try store.write(StoreBatch(events: events, sessions: sessions, lastSequence: 1))
        #expect(try self.events() == events)
        #expect(try self.sessions() == sessions)
    }

    @Test func propsAreStoredAsAJSONObjectWithSortedKeys() throws {
        var event = Fixtures.event()
        event.props = [Prop(key: "b", value: "2"), Prop(key: "a", value: "é")]
        try store.write(StoreBatch(events: [event], sessions: [], lastSequence: 1))
        let text = try store.writer.read { db in try String.fetchOne(db, sql: "SELECT props FROM events") }
        #expect(text == #"{"a":"é","b":"2"}"#)
        #expect(try events().first?.props == [Prop(key: "a", value: "é"), Prop(key: "b", value: "2")])
    }

    @Test func sessionUpsertKeepsTheStateWithMostEvents() throws {
        try store.write(
            StoreBatch(
                events: [], sessions: [Fixtures.session(events: 3, exitPage: "/three")],
                lastSequence: 1))
        try store.write(
            StoreBatch(
                events: [], sessions: [Fixtures.session(events: 2, exitPage: "/two")],
                lastSequence: 2))
        #expect(try sessions().map(\.exitPage) == ["/three"])
        try store.write(
            StoreBatch(
                events: [], sessions: [Fixtures.session(events: 4, exitPage: "/four")],
                lastSequence: 3))
        #expect(try sessions().map(\.exitPage) == ["/four"])
        #expect(try sessions().map(\.events) == [4])
    }

    /// The upsert sets only the columns a later event can change; this follows a session from a
    /// custom event (no hostname or entry page yet) through two pageviews, as ingestion builds it,
    /// and reads back each stored state whole.
    @Test func sessionUpsertStoresEveryColumnALaterEventChanges() throws {
        let start = Fixtures.event(timestamp: 1_795_773_600, name: "Signup")
        var session = SessionRecord.started(by: start, isPageview: false)
        try store.write(StoreBatch(events: [], sessions: [session], lastSequence: 1))
        #expect(try sessions() == [session])
        for (offset, path) in [(30, "/pricing"), (95, "/signup")] {
            var pageview = Fixtures.event(timestamp: start.timestamp + Int64(offset), name: "pageview")
            pageview.pathname = path
            pageview.hostname = "www.example.com"
            session.absorb(pageview, isPageview: true)
            try store.write(StoreBatch(events: [], sessions: [session], lastSequence: UInt64(offset)))
            #expect(try sessions() == [session])
        }
        #expect(session.entryPage == "/pricing" && session.exitPage == "/signup" && !session.isBounce)
    }

    @Test func sessionsAreOnePerID() throws {
        let first = Fixtures.session(id: 1, start: 200)
        let second = Fixtures.session(id: 2, start: 100)
        try store.write(StoreBatch(events: [], sessions: [first, second], lastSequence: 1))
        try store.write(StoreBatch(events: [], sessions: [first], lastSequence: 2))
        #expect(try sessions().map(\.sessionID) == [2, 1])
    }

    @Test func appliedSequenceOnlyMovesForward() throws {
        #expect(try store.appliedJournalSequence() == 0)
        try store.write(StoreBatch(events: [Fixtures.event()], sessions: [], lastSequence: 10))
        #expect(try store.appliedJournalSequence() == 10)
        try store.write(StoreBatch(events: [], sessions: [], lastSequence: 4))
        #expect(try store.appliedJournalSequence() == 10)
        try store.write(StoreBatch(events: [], sessions: [], lastSequence: UInt64.max))
        #expect(try store.appliedJournalSequence() == UInt64.max)
    }

    @Test func aFailedBatchWritesNothing() throws {
        try store.write(StoreBatch(events: [], sessions: [], lastSequence: 1))
        // A trigger that rejects the second insert stands in for a failure mid-batch.
        try store.writer.write { db in
            try db.execute(
                sql: """
                    CREATE TEMP TRIGGER reject BEFORE INSERT ON events WHEN NEW.name = 'bad'
                    BEGIN SELECT RAISE(ABORT, 'rejected'); END
                    """)
        }
        let batch = StoreBatch(
            events: [Fixtures.event(name: "good"), Fixtures.event(name: "bad")],
            sessions: [Fixtures.session()], lastSequence: 2)
        #expect(throws: SQLiteStoreError.self) { try store.write(batch) }
        #expect(try events().isEmpty)
        #expect(try sessions().isEmpty)
        #expect(try store.appliedJournalSequence() == 1)
    }

    @Test func exportsAreFilteredBySiteAndOrderedByTime() throws {
        let batch = StoreBatch(
            events: [
                Fixtures.event(timestamp: 30), Fixtures.event(timestamp: 10), Fixtures.event(timestamp: 20, siteID: 2),
                Fixtures.event(timestamp: 10, name: "second at 10"),
            ],
            sessions: [], lastSequence: 1)
        try store.write(batch)
        #expect(try events().map(\.timestamp) == [10, 10, 30])
        #expect(try events().map(\.name) == ["Signup", "second at 10", "Signup"])
        #expect(try events(site: 2).map(\.timestamp) == [20])
    }

    @Test func exportRethrowsTheCallersError() throws {
        struct Stop: Error {}
        try store.write(StoreBatch(events: [Fixtures.event(), Fixtures.event()], sessions: [], lastSequence: 1))
        var calls = 0
        #expect(throws: Stop.self) {
            try store.exportEvents(siteID: 1) { _ in
                calls += 1
                throw Stop()
            }
        }
        #expect(calls == 1)
    }

    @Test func formattedExportsWriteHeaderAndTerminatedLines() throws {
        let event = Fixtures.event(timestamp: 1)
        let session = Fixtures.session()
        try store.write(StoreBatch(events: [event], sessions: [session], lastSequence: 1))
        var csv = ""
        try store.exportEvents(siteID: 1, format: .csv) { csv += $0 }
        #expect(csv == EventExport.csvHeader + "\r\n" + EventExport.csvRecord(event) + "\r\n")
        var ndjson = ""
        try store.exportSessions(siteID: 1, format: .ndjson) { ndjson += $0 }
        #expect(ndjson == SessionExport.ndjsonLine(session) + "\n")
        var emptyCSV = ""
        try store.exportSessions(siteID: 9, format: .csv) { emptyCSV += $0 }
        #expect(emptyCSV == SessionExport.csvHeader + "\r\n")
        var emptyNDJSON: [String] = []
        try store.exportEvents(siteID: 9, format: .ndjson) { emptyNDJSON.append($0) }
        #expect(emptyNDJSON.isEmpty)
    }

    @Test func corruptPropsAreReportedNotGuessed() throws {
        try store.write(StoreBatch(events: [Fixtures.event()], sessions: [], lastSequence: 1))
        try store.writer.write { db in try db.execute(sql: "UPDATE events SET props = '[1]'") }
        #expect(throws: SQLiteStoreError.corruptRow(table: "events", column: "props")) {
            try store.exportEvents(siteID: 1) { _ in }
        }
    }

    @Test func activeSessionsAreThoseWithARecentLastEvent() throws {
        let old = Fixtures.session(id: 1, siteID: 1, start: 1_000)
        let recent = Fixtures.session(id: 2, siteID: 2, start: 5_000)
        try store.write(StoreBatch(events: [], sessions: [old, recent], lastSequence: 1))
        #expect(try store.sessions(activeSince: 2_000) == [recent])
        #expect(try store.sessions(activeSince: 0).count == 2)
        #expect(try store.sessions(activeSince: recent.timestamp + 1).isEmpty)
    }

    @Test func tenThousandEventsInOneBatch() throws {
        var batchEvents: [EventRecord] = []
        var batchSessions: [SessionRecord] = []
        for index in 0..<10_000 {
            batchEvents.append(Fixtures.event(timestamp: Int64(index), sessionID: UInt64(index % 500)))
        }
        for index in 0..<500 { batchSessions.append(Fixtures.session(id: UInt64(index))) }
        try store.write(StoreBatch(events: batchEvents, sessions: batchSessions, lastSequence: 10_000))
        #expect(try events().count == 10_000)
        #expect(try sessions().count == 500)
    }
}
