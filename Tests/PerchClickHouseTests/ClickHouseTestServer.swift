import Glibc
import PerchClickHouse
import Testing

/// The ClickHouse server under test, from `PERCH_CLICKHOUSE_TEST_URL` (set by
/// scripts/test-clickhouse, once for Debian's 18.16 and once for chdb). Without it a test that
/// needs a server fails, rather than passing without having checked anything. With
/// `PERCH_CLICKHOUSE_TEST_CLUSTER` too (a cluster that server belongs to, scripts/clickhouse
/// cluster-start), test databases are created on the cluster and the stores use its layout.
enum ClickHouseTestServer {
    static let variable = "PERCH_CLICKHOUSE_TEST_URL"
    static let clusterVariable = "PERCH_CLICKHOUSE_TEST_CLUSTER"

    static func url() throws -> String {
        try #require(
            getenv(variable).map { String(cString: $0) },
            "\(variable) is not set: run scripts/test-clickhouse, which starts the servers")
    }

    /// For the replicated variant: the same servers as `PERCH_CLICKHOUSE_TEST_CLUSTER`, their shards
    /// marked `internal_replication`.
    static let replicatedClusterVariable = "PERCH_CLICKHOUSE_TEST_REPLICATED_CLUSTER"

    /// The cluster of `PERCH_CLICKHOUSE_TEST_CLUSTER` (or, replicated, of
    /// `PERCH_CLICKHOUSE_TEST_REPLICATED_CLUSTER`), if set.
    static func cluster(replicated: Bool = false) throws -> ClickHouseCluster? {
        try getenv(replicated ? replicatedClusterVariable : clusterVariable).map {
            try ClickHouseCluster(name: String(cString: $0), replicated: replicated)
        }
    }

    /// Where a test database lives.
    enum Layout {
        /// On the test cluster when `PERCH_CLICKHOUSE_TEST_CLUSTER` names one, else on the server.
        case asConfigured
        /// On the server alone, even when it belongs to a cluster.
        case oneServer
        case cluster(ClickHouseCluster)
    }

    /// A client for a fresh, empty database of its own, dropped after `body`, so tests can run in
    /// parallel on one server.
    static func withDatabase(
        compressInsertsFrom: Int? = 16 * 1024,
        layout: Layout = .asConfigured,
        _ body: (ClickHouseClient) async throws -> Void
    ) async throws {
        let name = "perch_test_\(UInt64.random(in: 0...UInt64.max))"
        let cluster: ClickHouseCluster? =
            switch layout {
            case .asConfigured: try Self.cluster()
            case .oneServer: nil
            case .cluster(let cluster): cluster
            }
        let client = ClickHouseClient(
            configuration: try ClickHouseConfiguration(
                url: try url(), database: name, cluster: cluster, compressInsertsFrom: compressInsertsFrom))
        let onCluster = cluster.map { " ON CLUSTER \($0.name)" } ?? ""
        do {
            try await client.execute("CREATE DATABASE \(name)\(onCluster)", inDatabase: false)
            try await body(client)
        } catch {
            try? await client.execute("DROP DATABASE IF EXISTS \(name)\(onCluster)", inDatabase: false)
            try await client.shutdown()
            throw error
        }
        try? await client.execute("DROP DATABASE IF EXISTS \(name)\(onCluster)", inDatabase: false)
        try await client.shutdown()
    }

    /// `withDatabase` after the migrations ran.
    static func withMigratedDatabase(
        layout: Layout = .asConfigured, _ body: (ClickHouseClient) async throws -> Void
    ) async throws {
        try await withDatabase(layout: layout) { client in
            try ClickHouseMigrator(client: client).migrate(now: 1_790_000_000)
            try await body(client)
        }
    }

    /// The server's major version: 18 for Debian's, 26 for chdb.
    static func majorVersion() async throws -> Int {
        let client = ClickHouseClient(configuration: try ClickHouseConfiguration(url: try url(), database: "default"))
        let version: String
        do {
            version = try await client.query("SELECT version()").scalar().string()
        } catch {
            try await client.shutdown()
            throw error
        }
        try await client.shutdown()
        return Int(version.prefix { $0 != "." }) ?? 0
    }
}
