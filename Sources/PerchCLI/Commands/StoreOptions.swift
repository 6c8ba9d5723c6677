import ArgumentParser
import Foundation
import PerchClickHouse
import PerchCore
import PerchSQLite

/// The store flags every command that reads or changes stored data shares: `--data-dir`,
/// `--store sqlite|clickhouse` and the `ClickHouseOptions` (and `PERCH_*`).
/// The data directory stays local whichever the store: it holds the journal (and SQLite's file).
struct StoreOptions: ParsableArguments {
    @OptionGroup var data: DataDirectoryOptions

    @Option(name: .customLong("store"), help: "sqlite or clickhouse (env PERCH_STORE, default sqlite).")
    var store: String?

    @OptionGroup var clickHouse: ClickHouseOptions

    /// The chosen store, or a `ValidationError` naming the flag that is wrong.
    func choice() throws -> StoreChoice {
        do {
            return try StoreChoice.resolve(
                store: store, url: clickHouse.url, database: clickHouse.database, cluster: clickHouse.cluster,
                replicated: clickHouse.replicated, dataDirectory: data.resolved(),
                environment: EnvironmentFallback(environment: ProcessInfo.processInfo.environment))
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// Runs `body` on the chosen store: SQLite's file, or ClickHouse (migrated first; the client
    /// is closed afterwards).
    func withStore<T>(_ body: (any AdministeredStore) throws -> T) throws -> T {
        try withStores { store, _ in try body(store) }
    }

    /// `withStore` with the store's write role too (`perch dev seed`). ClickHouse's writes as the
    /// node `perch-cli`, whose journal position stays 0: its batches are written whole.
    func withStores<T>(_ body: (any AdministeredStore, any EventStore) throws -> T) throws -> T {
        switch try choice() {
        case .sqlite(let path):
            let store = try SQLiteStore(path: path)
            return try body(store, store)
        case .clickHouse(let configuration):
            let client = ClickHouseClient(configuration: configuration)
            defer { try? client.shutdownBlocking() }
            try ClickHouseMigrator(client: client).migrate(now: SystemWallClock().nowSeconds())
            return try body(ClickHouseStore(client: client), ClickHouseEventStore(client: client, node: "perch-cli"))
        }
    }

    /// Runs `body` on the chosen store's dashboard accounts (`perch users`, `perch shares`).
    func withAccounts<T: Sendable>(_ body: (any DashboardAccountStore) async throws -> T) async throws -> T {
        switch try choice() {
        case .sqlite(let path):
            return try await body(try SQLiteStore(path: path))
        case .clickHouse(let configuration):
            let client = ClickHouseClient(configuration: configuration)
            do {
                try await BlockingWork.run {
                    _ = try ClickHouseMigrator(client: client).migrate(now: SystemWallClock().nowSeconds())
                }
                let result = try await body(ClickHouseStore(client: client))
                try await client.shutdown()
                return result
            } catch {
                try? await client.shutdown()
                throw error
            }
        }
    }
}
