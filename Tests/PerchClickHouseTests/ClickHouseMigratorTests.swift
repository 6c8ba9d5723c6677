import PerchClickHouse
import Testing

/// Forward-only, self-checking migrations on a real server (on one server even when the tests run
/// on a cluster: ClickHouseClusterMigrationTests checks the cluster form).
@Suite struct ClickHouseMigratorTests {
    static let now: Int64 = 1_790_000_000

    @Test func migratesAFreshDatabaseOnceAndRecordsEachVersion() async throws {
        try await ClickHouseTestServer.withDatabase(layout: .oneServer) { (client: ClickHouseClient) async throws in
            let migrator = ClickHouseMigrator(client: client)
            #expect(try migrator.migrate(now: Self.now) == ClickHouseSchema.migrations.map(\.version))
            #expect(try migrator.migrate(now: Self.now) == [])
            #expect(try migrator.appliedVersions() == Set(ClickHouseSchema.migrations.map(\.version)))
            let tables = try await client.query(
                "SELECT name FROM system.tables WHERE database = '\(client.configuration.database)' ORDER BY name")
            #expect(
                try tables.rows.map { try $0[0].string() } == [
                    "api_keys", "dashboard_users", "drop_counts", "event_ids", "events", "goals", "journal_positions",
                    "login_sessions", "salts", "schema_migrations", "sessions", "shared_links", "shield_rules",
                    "signing_secret", "sites",
                ])
        }
    }

    @Test func aDatabaseMigratedByANewerPerchIsRefused() async throws {
        try await ClickHouseTestServer.withDatabase(layout: .oneServer) { (client: ClickHouseClient) async throws in
            try ClickHouseMigrator(client: client).migrate(now: Self.now)
            try await client.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 0)")
            #expect {
                try ClickHouseMigrator(client: client).migrate(now: Self.now)
            } throws: { error in
                guard case .migration(let version, _) = error as? ClickHouseError else { return false }
                return version == 999
            }
        }
    }

    @Test func aMigrationWhoseResultDiffersFromItsDeclarationIsNotRecorded() async throws {
        try await ClickHouseTestServer.withDatabase(layout: .oneServer) { (client: ClickHouseClient) async throws in
            let declared = ClickHouseTable(
                name: "t", columns: [.init("a", "UInt64"), .init("b", "String")], engine: "MergeTree ORDER BY a")
            let wrong = ClickHouseMigration(
                version: 1, name: "wrong",
                statements: ["CREATE TABLE IF NOT EXISTS t (a UInt32, b String) ENGINE = MergeTree ORDER BY a"],
                expected: [declared])
            let migrator = ClickHouseMigrator(client: client, migrations: [wrong])
            #expect {
                try migrator.migrate(now: Self.now)
            } throws: { error in
                guard case .migration(1, let reason) = error as? ClickHouseError else { return false }
                return reason.contains("t.a is UInt32, expected UInt64")
            }
            #expect(try migrator.appliedVersions().isEmpty)
        }
    }

    @Test func anInterruptedMigrationRunsAgainFromItsStart() async throws {
        try await ClickHouseTestServer.withDatabase(layout: .oneServer) { (client: ClickHouseClient) async throws in
            let first = ClickHouseTable(name: "t1", columns: [.init("a", "UInt64")], engine: "MergeTree ORDER BY a")
            let second = ClickHouseTable(name: "t2", columns: [.init("b", "String")], engine: "MergeTree ORDER BY b")
            let broken = ClickHouseMigration(
                version: 1, name: "two-tables", statements: [first.createStatement, "CREATE TABLE t2 (oops"],
                expected: [first, second])
            #expect(throws: ClickHouseError.self) {
                try ClickHouseMigrator(client: client, migrations: [broken]).migrate(now: Self.now)
            }
            let fixed = ClickHouseMigration(version: 1, name: "two-tables", creating: [first, second])
            let migrator = ClickHouseMigrator(client: client, migrations: [fixed])
            #expect(try migrator.migrate(now: Self.now) == [1])
            #expect(try migrator.appliedVersions() == [1])
        }
    }
}
