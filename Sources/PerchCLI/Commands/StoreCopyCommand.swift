import ArgumentParser
import Foundation
import Logging
import PerchClickHouse
import PerchCore
import PerchJournal
import PerchSQLite

/// `perch store copy --from sqlite --to clickhouse`: moves a SQLite data directory's data into
/// ClickHouse (`ClickHouseStoreCopy`), resumably, then verifies per-site row counts.
struct StoreCopyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a SQLite data directory's data into ClickHouse (resumable, verified).",
        discussion: """
            Copies the sites, shield rules, goals, API keys, salts, events, sessions, dashboard users and \
            shared links of the SQLite store in --data-dir into the ClickHouse database, in batches, and \
            then compares each site's \
            event and session counts (exit status 1 if any differ). Interrupted, it can be run again: it \
            continues where it stopped and never stores a row twice; a run after a complete copy adds \
            nothing. Stop `perch serve` on the data directory first: the copy refuses a journal holding \
            events not yet in SQLite, and rows written meanwhile would not be copied. Removed sites are \
            not copied.
            """
    )

    /// Why the copy stopped or failed its check; printed without the usage text, exit status 1.
    struct Refusal: Error, CustomStringConvertible {
        let description: String
    }

    @Option(help: "The store to copy from: sqlite.")
    var from: String

    @Option(help: "The store to copy to: clickhouse.")
    var to: String

    @OptionGroup var data: DataDirectoryOptions

    @OptionGroup var clickHouse: ClickHouseOptions

    @Option(name: .customLong("batch-size"), help: "Rows per batch (default 10000).")
    var batchSize = 10_000

    func validate() throws {
        guard from == "sqlite", to == "clickhouse" else {
            throw ValidationError(
                "only --from sqlite --to clickhouse is supported (copying back from ClickHouse is not built yet)")
        }
        guard batchSize > 0 else { throw ValidationError("--batch-size must be positive") }
    }

    func run() async throws {
        let directory = data.resolved()
        let environment = EnvironmentFallback(environment: ProcessInfo.processInfo.environment)
        let source: SQLiteStore
        let configuration: ClickHouseConfiguration
        do {
            guard
                case .sqlite(let path) = try StoreChoice.resolve(
                    store: "sqlite", url: nil, database: nil, dataDirectory: directory, environment: environment)
            else { throw ValidationError("no SQLite store") }
            guard FileManager.default.fileExists(atPath: path) else {
                throw ValidationError("no SQLite store at \(path) (set --data-dir)")
            }
            guard
                case .clickHouse(let target) = try StoreChoice.resolve(
                    store: "clickhouse", url: clickHouse.url, database: clickHouse.database,
                    cluster: clickHouse.cluster, replicated: clickHouse.replicated, dataDirectory: directory,
                    environment: environment)
            else { throw ValidationError("no ClickHouse store") }
            source = try SQLiteStore(path: path)
            configuration = target
        } catch let error as ConfigurationError {
            throw ValidationError(error.description)
        }
        try Self.checkJournalApplied(directory: directory + "/journal", store: source)

        let client = ClickHouseClient(configuration: configuration)
        let sites: [Int64: Int64]
        do {
            sites = try await copy(source, into: client, from: directory)
            try await client.shutdown()
        } catch {
            try? await client.shutdown()
            throw error
        }
        Self.say("copy complete and verified: \(sites.count) site(s)")
    }

    /// Migrates, copies, copies the dashboard's accounts, verifies: the copied sites' id mapping.
    private func copy(_ source: SQLiteStore, into client: ClickHouseClient, from directory: String) async throws
        -> [Int64: Int64]
    {
        var copy = ClickHouseStoreCopy(source: source, target: ClickHouseStore(client: client)) { Self.say($0) }
        copy.batchSize = batchSize
        let rows = copy
        let sites = try await BlockingWork.run {
            try ClickHouseMigrator(client: client).migrate(now: SystemWallClock().nowSeconds())
            Self.say("copying \(directory) into \(client.configuration)")
            return try rows.run()
        }
        try await copy.copyAccounts(from: source)
        let mismatches = try await BlockingWork.run { try rows.verify(sites: sites) }
        guard mismatches.isEmpty else {
            for mismatch in mismatches { FileHandle.standardError.write(Data("mismatch: \(mismatch)\n".utf8)) }
            throw Refusal(
                description:
                    "the copy differs from the source for \(mismatches.count) site(s); run it again, or see docs/clickhouse.md"
            )
        }
        return sites
    }

    /// Writes a progress line at once (unbuffered, so it shows as it happens also through a pipe).
    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// Refuses a data directory whose journal holds events SQLite has not applied (a server
    /// stopped before its writer caught up, or one still running): they would be left behind.
    static func checkJournalApplied(directory: String, store: SQLiteStore) throws {
        guard FileManager.default.fileExists(atPath: directory) else { return }
        var logger = Logger(label: "perch.journal")
        logger.logLevel = .warning  // only the refusal below concerns the user
        let journal = try Journal(directory: directory, logger: logger)
        defer { journal.close() }
        let pending = try journal.open(appliedSequence: try store.appliedJournalSequence())
        guard pending == 0 else {
            throw Refusal(
                description: "the journal in \(directory) holds \(pending) event(s) not yet in SQLite: "
                    + "start `perch serve` on this data directory once and stop it, then copy")
        }
    }
}
