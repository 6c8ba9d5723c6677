import PerchCore
import PerchStats
import Testing

@testable import PerchSQLite

/// Queries, loads and writes at the same time: whatever order they interleave in, the held
/// columns end equal to SQL.
@Suite struct ColumnarConcurrencyTests {
    typealias Rows = ColumnarRows

    /// A batch of random events and session updates on both sites, some older than held rows.
    static func batch(_ round: Int, random: inout SplitMix64) -> StoreBatch {
        var events: [EventRecord] = []
        var sessions: [SessionRecord] = []
        for index in 0..<Int(random.next() % 6) {
            let site = Int64(1 + random.next() % 2)
            // Session ids are global: each site has its own.
            let id = UInt64(site) * 1_000 + random.next() % 40
            let start = Rows.day + Int64(id % 4) * 86_400 + Int64(id) * 60
            let at = start + Int64(random.next() % 1_800)
            events.append(Rows.event(site: site, at: at, path: "/r\(round % 5)/\(index)", user: id % 25, session: id))
            sessions.append(
                Rows.session(
                    id, site: site, user: id % 25, start: start, last: at, pageviews: Int32(1 + round % 3),
                    events: Int32(round + 1), entry: "/r\(id % 3)", exit: "/r\(round % 5)/\(index)",
                    source: ["", "Google", "Bing"][Int(id % 3)], country: ["DE", "FR", "US"][Int(id % 3)]))
        }
        // One session state per session id, as the writer's batches carry.
        var seen: Set<UInt64> = []
        sessions = sessions.reversed().filter { seen.insert($0.sessionID).inserted }
        if events.isEmpty && sessions.isEmpty { events.append(Rows.event(at: Rows.day + Int64(round))) }
        return Rows.batch(events, sessions)
    }

    @Test func queriesLoadsAndWritesInterleaved() async throws {
        let folder = TemporaryFolder()
        let store = try Rows.seeded(folder)
        try await store.loadColumns(siteID: 1, from: ColumnarQueries.loadFrom)
        let own = ColumnarQueries.bodies(domain: "example.com").prefix(12)
        let bodies = Array(own) + ColumnarQueries.bodies(domain: "other.example").prefix(4)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                var random = SplitMix64(seed: 7)
                for round in 0..<60 {
                    try store.write(Self.batch(round, random: &random))
                    if round == 20 { try await store.loadColumns(siteID: 2, from: ColumnarQueries.loadFrom) }
                }
            }
            for worker in 0..<3 {
                group.addTask {
                    for round in 0..<8 {
                        let body = bodies[(worker * 5 + round) % bodies.count]
                        _ = try await ColumnarQueries.answer(body, reader: store)
                    }
                }
            }
            try await group.waitForAll()
        }
        try await ColumnarQueries.expectSameAnswers(store, step: "after interleaving")
        try await ColumnarQueries.expectSameAnswers(store, domain: "other.example", step: "other site after")
    }
}
