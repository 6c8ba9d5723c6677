import Glibc
import PerchClickHouse
import Testing

/// The ClickHouse server under test, from `PERCH_CLICKHOUSE_TEST_URL` (set by
/// scripts/test-clickhouse, once for Debian's 18.16 and once for chdb). Without it a test that
/// needs a server fails, rather than passing without having checked anything.
enum ClickHouseTestServer {
    static let variable = "PERCH_CLICKHOUSE_TEST_URL"

    static func url() throws -> String {
        try #require(
            getenv(variable).map { String(cString: $0) },
            "\(variable) is not set: run scripts/test-clickhouse, which starts the servers")
    }

    /// A client for a fresh, empty database of its own, dropped after `body`, so tests can run in
    /// parallel on one server.
    static func withDatabase(
        compressInsertsFrom: Int? = 16 * 1024,
        _ body: (ClickHouseClient) async throws -> Void
    ) async throws {
        let name = "perch_test_\(UInt64.random(in: 0...UInt64.max))"
        let client = ClickHouseClient(
            configuration: try ClickHouseConfiguration(
                url: try url(), database: name, compressInsertsFrom: compressInsertsFrom))
        do {
            try await client.execute("CREATE DATABASE \(name)", inDatabase: false)
            try await body(client)
        } catch {
            try? await client.execute("DROP DATABASE IF EXISTS \(name)", inDatabase: false)
            try await client.shutdown()
            throw error
        }
        try? await client.execute("DROP DATABASE IF EXISTS \(name)", inDatabase: false)
        try await client.shutdown()
    }

    /// `withDatabase` after the migrations ran.
    static func withMigratedDatabase(_ body: (ClickHouseClient) async throws -> Void) async throws {
        try await withDatabase { client in
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
