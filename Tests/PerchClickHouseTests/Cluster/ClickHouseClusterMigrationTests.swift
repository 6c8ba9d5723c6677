import PerchClickHouse
import Testing

/// The cluster form of the migrations (`ClickHouseClusterLayout`): local tables on every shard
/// plus `Distributed` tables, created `ON CLUSTER`, checked on every shard.
@Suite struct ClickHouseClusterMigrationTests {
    static let now: Int64 = 1_790_000_000

    @Test func everyShardGetsLocalAndDistributedTablesOnce() async throws {
        let cluster = try ClickHouseClusterTests.cluster()
        try await ClickHouseTestServer.withDatabase(layout: .cluster(cluster)) {
            (client: ClickHouseClient) async throws in
            let migrator = ClickHouseMigrator(client: client)
            #expect(try migrator.migrate(now: Self.now) == ClickHouseSchema.migrations.map(\.version))
            #expect(try migrator.migrate(now: Self.now) == [])
            let names =
                ["schema_migrations"] + ClickHouseSchema.migrations.flatMap(\.creates).map(\.name)
            let shards = try ClusterShards(client: client, cluster: cluster)
            for index in shards.addresses.indices {
                let tables = try client.queryBlocking(
                    """
                    SELECT name, engine FROM \(shards.remote(index, "tables", database: "system"))
                    WHERE database = \(ClickHouseSQL.literal(client.configuration.database))
                    """)
                var engines: [String: String] = [:]
                for row in tables.rows { engines[try row[0].string()] = try row[1].string() }
                #expect(engines.count == names.count * 2, "shard \(index + 1): \(engines)")
                for name in names {
                    #expect(engines[name] == "Distributed", "shard \(index + 1): \(name)")
                    #expect(
                        engines[ClickHouseClusterLayout.localName(of: name)]?.hasSuffix("MergeTree") == true,
                        "shard \(index + 1): \(name)_local")
                }
            }
        }
    }

    /// A migration made of other statements than its tables' creation has no cluster form yet:
    /// refused, and not recorded, rather than run on one server only.
    @Test func aMigrationWithoutAClusterFormIsRefused() async throws {
        let cluster = try ClickHouseClusterTests.cluster()
        try await ClickHouseTestServer.withDatabase(layout: .cluster(cluster)) {
            (client: ClickHouseClient) async throws in
            let table = ClickHouseTable(name: "t", columns: [.init("a", "UInt64")], engine: "MergeTree ORDER BY a")
            let raw = ClickHouseMigration(
                version: 1, name: "raw", statements: [table.createStatement, "SELECT 1"], expected: [table])
            let migrator = ClickHouseMigrator(client: client, migrations: [raw])
            #expect {
                try migrator.migrate(now: Self.now)
            } throws: { error in
                guard case .migration(1, let reason) = error as? ClickHouseError else { return false }
                return reason.contains("no form for a cluster")
            }
            #expect(try migrator.appliedVersions().isEmpty)
        }
    }

    /// A table missing on one shard fails the check, even though the server Perch talks to has it.
    @Test func aTableMissingOnAShardFailsTheCheck() async throws {
        let cluster = try ClickHouseClusterTests.cluster()
        try await ClickHouseTestServer.withDatabase(layout: .cluster(cluster)) {
            (client: ClickHouseClient) async throws in
            let layout = try #require(client.configuration.clusterLayout)
            let table = ClickHouseTable(name: "t", columns: [.init("a", "UInt64")], engine: "MergeTree ORDER BY a")
            let migration = ClickHouseMigration(version: 1, name: "t", creating: [table])
            // Created on this server only, as if the cluster's DDL had not reached the other shard.
            for statement in layout.createStatements(table) {
                try client.executeBlocking(statement.replacing(" ON CLUSTER \(cluster.name)", with: ""))
            }
            #expect {
                try ClickHouseMigrator(client: client, migrations: [migration]).check(migration)
            } throws: { error in
                guard case .migration(1, let reason) = error as? ClickHouseError else { return false }
                return reason.contains("on some shard")
            }
            #expect(try ClickHouseMigrator(client: client, migrations: [migration]).migrate(now: Self.now) == [1])
        }
    }

    /// The replicated variant's engines: the same engine with `Replicated` before it, the
    /// ZooKeeper path and replica name first, its own arguments after, the clauses unchanged.
    @Test func replicatedEnginesKeepTheirArgumentsAndClauses() throws {
        let layout = ClickHouseClusterLayout(
            cluster: try ClickHouseCluster(name: "c", replicated: true), database: "perch")
        let tables = Dictionary(
            uniqueKeysWithValues: ClickHouseSchema.migrations.flatMap(\.creates).map { ($0.name, $0) })
        let sessions = try #require(tables["sessions"])
        #expect(
            layout.localEngine(sessions)
                == "ReplicatedVersionedCollapsingMergeTree('/clickhouse/tables/{shard}/perch/sessions_local', "
                + "'{replica}', sign, events)"
                + sessions.engine.dropFirst("VersionedCollapsingMergeTree(sign, events)".count))
        let events = try #require(tables["events"])
        #expect(
            layout.localEngine(events)
                == "ReplicatedMergeTree('/clickhouse/tables/{shard}/perch/events_local', '{replica}')"
                + events.engine.dropFirst("MergeTree".count))
        #expect(
            layout.localEngine(try #require(tables["salts"]))
                == "ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/perch/salts_local', '{replica}') "
                + "ORDER BY (created_at, salt)")
        let plain = ClickHouseClusterLayout(cluster: try ClickHouseCluster(name: "c"), database: "perch")
        #expect(plain.localEngine(sessions) == sessions.engine)
    }
}
