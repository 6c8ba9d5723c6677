import Glibc
import PerchClickHouse
import PerchCore
import PerchJournal
import PerchStats
import Testing

/// A store spread over a cluster (`--clickhouse-cluster`) answers as one server does: the same
/// journal written to a database on one server and to one on the cluster, then the same Stats
/// queries. Needs `PERCH_CLICKHOUSE_TEST_URL` (a server of the cluster) and
/// `PERCH_CLICKHOUSE_TEST_CLUSTER` (its name): scripts/test-clickhouse starts ZooKeeper and two
/// 18.16 servers forming a two-shard cluster (chdb is in-process and cannot form one).
@Suite struct ClickHouseClusterTests {
    static func cluster(replicated: Bool = false) throws -> ClickHouseCluster {
        let variable =
            replicated ? ClickHouseTestServer.replicatedClusterVariable : ClickHouseTestServer.clusterVariable
        return try #require(
            try ClickHouseTestServer.cluster(replicated: replicated),
            "\(variable) is not set: run scripts/test-clickhouse, which starts the cluster")
    }

    @Test func statsAnswersEqualOneServersOnTheSameEvents() async throws {
        try await Self.compare(cluster: try Self.cluster(), queries: 120)
    }

    /// The replicated variant (`--clickhouse-replicated`) on the same cluster, one replica per shard:
    /// its SQL is accepted and answers alike (replication between replicas is not exercised here).
    @Test func theReplicatedVariantAnswersAlike() async throws {
        try await Self.compare(cluster: try Self.cluster(replicated: true), queries: 0)
    }

    /// Writes `StatsComparisonWorld` to one server and to the cluster, checks the rows spread over
    /// both shards with each session whole on one, then compares the fixed queries of
    /// `ClickHouseStatsComparisonTests` and `queries` random ones.
    static func compare(cluster: ClickHouseCluster, queries: Int) async throws {
        try await ClickHouseTestServer.withMigratedDatabase(layout: .oneServer) {
            (single: ClickHouseClient) async throws in
            try await ClickHouseTestServer.withMigratedDatabase(layout: .cluster(cluster)) {
                (spread: ClickHouseClient) async throws in
                for client in [single, spread] {
                    try await ClickHouseStatsComparisonTests.storeConfiguration(client)
                    let store = ClickHouseEventStore(
                        client: client, node: "node-a", clock: ManualWallClock(seconds: StatsComparisonWorld.now))
                    let journal = StatsComparisonWorld.journal()
                    for from in stride(from: 0, to: journal.count, by: 9) {
                        try store.write(StoreBatch(collapsing: Array(journal[from..<min(from + 9, journal.count)])))
                    }
                }
                try Self.expectSpreadBySession(spread, cluster: cluster)
                let singleReader = ClickHouseStatsReader(client: single)
                let spreadReader = ClickHouseStatsReader(client: spread)
                var draws = RandomStatsQueries(seed: 20_261_207)
                let bodies = ClickHouseStatsComparisonTests.queries + (0..<queries).map { _ in draws.next() }
                var answered = 0
                for body in bodies {
                    let expected: Result<JSONValue, any Error>
                    do {
                        expected = .success(try await Self.answer(body, singleReader))
                    } catch {
                        expected = .failure(error)
                    }
                    let actual: Result<JSONValue, any Error>
                    do {
                        actual = .success(try await Self.answer(body, spreadReader))
                    } catch {
                        actual = .failure(error)
                    }
                    switch (expected, actual) {
                    case (.success(let one), .success(let spread)):
                        answered += 1
                        #expect(spread == one, "\(body)\none server: \(one.json)\ncluster:    \(spread.json)")
                    case (.failure(let one as QueryError), .failure(let spread as QueryError)):
                        #expect(one.message == spread.message, "\(body)")
                    case (.failure, .failure):
                        break
                    case (.success, .failure(let error)):
                        Issue.record("\(body)\nonly the cluster failed: \(error)")
                    case (.failure(let error), .success):
                        Issue.record("\(body)\nonly one server failed: \(error)")
                    }
                }
                #expect(answered >= ClickHouseStatsComparisonTests.queries.count + queries / 3, "only \(answered)")
            }
        }
    }

    static func answer(_ body: String, _ reader: ClickHouseStatsReader) async throws -> JSONValue {
        try await ClickHouseStatsComparisonTests.answer(body, reader: reader, dialect: reader.dialect)
    }

    /// Each shard holds some events and sessions, every session's rows (events and session states)
    /// are on one shard, and the shards together hold what the `Distributed` tables show.
    static func expectSpreadBySession(_ client: ClickHouseClient, cluster: ClickHouseCluster) throws {
        let shards = try ClusterShards(client: client, cluster: cluster)
        #expect(shards.addresses.count == 2)
        var shardOfSession: [UInt64: Int] = [:]
        var eventCount: UInt64 = 0
        for (index, _) in shards.addresses.enumerated() {
            for table in ["events_local", "sessions_local"] {
                let rows = try client.queryBlocking(
                    "SELECT DISTINCT session_id FROM \(shards.remote(index, table))"
                ).rows.map { try $0[0].uint64() }
                #expect(!rows.isEmpty, "shard \(index + 1) holds no \(table)")
                for session in rows {
                    #expect(
                        shardOfSession.updateValue(index, forKey: session) ?? index == index,
                        "session \(session) is on two shards")
                }
            }
            eventCount += try client.queryBlocking("SELECT count() FROM \(shards.remote(index, "events_local"))")
                .scalar().uint64()
        }
        #expect(eventCount == UInt64(StatsComparisonWorld.journal().count))
        #expect(try client.queryBlocking("SELECT count() FROM events").scalar().uint64() == eventCount)
    }
}
