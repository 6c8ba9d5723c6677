import PerchClickHouse
import PerchCore
import PerchJournal
import Testing

/// `perch events export` and `perch sessions export` read from ClickHouse give what was written,
/// once, in the SQLite store's order and format.
@Suite struct ClickHouseExportTests {
    @Test(arguments: ExportFormat.allCases)
    func eventsAndSessionsExportAsWrittenOnce(format: ExportFormat) async throws {
        try await ClickHouseTestServer.withMigratedDatabase { (client: ClickHouseClient) async throws in
            let journal = Fixtures.journal(visits: 3, siteID: 7)
            // Another site's visit (session ids are unique across sites, as ingestion makes them).
            let other = Fixtures.visit(siteID: 8, number: 9, paths: ["/"]).enumerated().map {
                SequencedEntry(sequence: UInt64(journal.count + $0.offset + 1), entry: $0.element)
            }
            let writer = ClickHouseEventStore(client: client, node: "node-a")
            try writer.write(StoreBatch(collapsing: Array(journal.prefix(5))))
            try writer.write(StoreBatch(collapsing: Array(journal.dropFirst(5)) + other))
            let store = ClickHouseStore(client: client)

            var events: [String] = []
            try store.exportEvents(siteID: 7, format: format) { events.append($0) }
            let expectedEvents = journal.sorted {
                ($0.entry.event.timestamp, $0.sequence) < ($1.entry.event.timestamp, $1.sequence)
            }.map(\.entry.event)
            #expect(events == [format.eventPreamble].filter { !$0.isEmpty } + expectedEvents.map(format.line))

            var sessions: [String] = []
            try store.exportSessions(siteID: 7, format: format) { sessions.append($0) }
            let expectedSessions = Fixtures.finalSessions(journal).values.sorted {
                ($0.start, $0.sessionID) < ($1.start, $1.sessionID)
            }
            #expect(sessions == [format.sessionPreamble].filter { !$0.isEmpty } + expectedSessions.map(format.line))
        }
    }

    @Test func aSiteWithoutRowsExportsOnlyThePreamble() async throws {
        try await ClickHouseTestServer.withMigratedDatabase { (client: ClickHouseClient) async throws in
            var lines: [String] = []
            try ClickHouseStore(client: client).exportEvents(siteID: 1, format: .csv) { lines.append($0) }
            #expect(lines == [ExportFormat.csv.eventPreamble])
        }
    }
}
