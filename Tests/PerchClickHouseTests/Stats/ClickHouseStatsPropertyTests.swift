import Foundation
import PerchClickHouse
import PerchCore
import PerchJournal
import PerchStats
import PerchStatsTestSupport
import Testing

/// SQLite's brute-force property test (`StatsPropertyTests`) on ClickHouse: the same random
/// multi-site worlds (time zones, sessions across midnight and DST changes, props, goals, revenue,
/// engagement pings), written as a journal through `ClickHouseEventStore`, and the same random
/// queries, whose answers through `ClickHouseStatsReader` must equal `StatsOracle`'s brute-force
/// rows (compared by `StatsResultComparison`, as on SQLite), and whose invalid twists must be
/// refused with the same 400. Fewer cases than SQLite's 300 (each is a database of its own and
/// a few round trips): the first `cases` of the same fixed seed sequence. A failure prints its
/// seed; `PERCH_PROPERTY_SEED=<seed>` replays that one case, `PERCH_PROPERTY_RANDOM=1` draws new
/// ones.
///
/// The generator needs no exclusion for the engines' known differences (docs/clickhouse.md,
/// "Stats queries"): it writes no `matches` filter (regular expression dialects differ), and no
/// generated session lasts longer than about three hours, far inside ClickHouse's 7-day session
/// lookback.
@Suite struct ClickHouseStatsPropertyTests {
    static let cases = 24
    static let queriesPerCase = 6
    /// Journal entries per batch: sessions span batches, so ClickHouse holds superseded states
    /// with their `-1` rows, as after real ingestion.
    static let batchSize = 40

    @Test func apiMatchesBruteForce() async throws {
        for seed in PropertySeeds.seeds(count: Self.cases, environment: ProcessInfo.processInfo.environment) {
            try await ClickHouseTestServer.withMigratedDatabase { (client: ClickHouseClient) async throws in
                let failures = try await Self.check(seed: seed, client: client)
                #expect(failures.isEmpty, "PERCH_PROPERTY_SEED=\(seed)\n\(failures.joined(separator: "\n"))")
            }
        }
    }

    /// One random world written to the (empty, migrated) database and a few random queries
    /// against it; returns the mismatches. Draws as SQLite's even (SQL-only) seeds do, except
    /// that a third of the queries are plain ones, which SQLite's odd seeds send to its column
    /// cache.
    static func check(seed: UInt64, client: ClickHouseClient) async throws -> [String] {
        var random = SplitMix64(seed: seed)
        let world = PropertyWorld.generate(&random)
        try await storeConfiguration(world, client)
        let store = ClickHouseEventStore(client: client, node: "node-a", clock: ManualWallClock(seconds: world.now))
        let journal = journal(world)
        for from in stride(from: 0, to: journal.count, by: batchSize) {
            try store.write(StoreBatch(collapsing: Array(journal[from..<min(from + batchSize, journal.count)])))
        }
        let reader = ClickHouseStatsReader(client: client)
        var failures: [String] = []
        for _ in 0..<queriesPerCase {
            let query =
                random.chance(33)
                ? StatsQueryGenerator.plainQuery(world, &random) : StatsQueryGenerator.query(world, &random)
            let failure = await PropertyQueryCheck.failure(of: query, in: world, &random) { body in
                try await Self.answer(body, reader: reader, now: world.now)
            }
            if let failure { failures.append(failure) }
        }
        return failures
    }

    /// The world as ingestion journals it: every event in time order, each but an engagement ping
    /// with its session's state after it (the world's final session rows are the last states).
    static func journal(_ world: PropertyWorld) -> [SequencedEntry] {
        let sites = Dictionary(uniqueKeysWithValues: world.sites.map { ($0.id, $0) })
        let ordered = world.events.enumerated().sorted {
            ($0.element.timestamp, $0.offset) < ($1.element.timestamp, $1.offset)
        }
        var seen: [UInt64: [EventRecord]] = [:]
        var entries: [SequencedEntry] = []
        for (_, event) in ordered {
            seen[event.sessionID, default: []].append(event)
            let session =
                event.name == "engagement"
                ? nil
                : PropertyWorld.session(
                    seen[event.sessionID]!, site: sites[event.siteID]!, id: event.sessionID, user: event.userID,
                    visit: event.visit)
            entries.append(
                SequencedEntry(
                    sequence: UInt64(entries.count + 1),
                    entry: JournalEntry(event: event, session: session, idempotencyKey: nil)))
        }
        return entries
    }

    /// The world's sites and goals as rows of migration 2's tables.
    static func storeConfiguration(_ world: PropertyWorld, _ client: ClickHouseClient) async throws {
        var goalID = 1
        for site in world.sites {
            goalID = try await StatsSiteRows.insert(
                siteID: site.id, domain: site.domain, zone: site.zone, goals: site.goals, firstGoalID: goalID, client)
        }
    }

    /// A query body answered the way the server answers it.
    static func answer(_ body: String, reader: ClickHouseStatsReader, now: Int64) async throws -> JSONValue {
        let query = try QueryParser.parse(body: Array(body.utf8))
        guard let site = try await reader.statsSite(domain: query.siteID) else { throw QueryError("no site") }
        return try await StatsQueryService(reader: reader, dialect: reader.dialect).answer(query, site: site, now: now)
    }
}
