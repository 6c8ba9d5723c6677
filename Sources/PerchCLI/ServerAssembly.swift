import ArgumentParser
import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import PerchClickHouse
import PerchCore
import PerchEnrich
import PerchJournal
import PerchSQLite
import PerchServer
import PerchStats
import PerchWeb
import ServiceLifecycle

/// Builds the running server from a configuration: the only place that picks the store.
/// Start order: store, journal (recovery), components (session warm-up, sites), then HTTP; stop
/// order is the reverse, so the HTTP server drains before the writer's final flush.
struct ServerAssembly {
    let configuration: ServeConfiguration
    let logger: Logger

    func run() async throws {
        try FileManager.default.createDirectory(
            atPath: configuration.dataDirectory,
            withIntermediateDirectories: true
        )
        switch configuration.store {
        case .sqlite(let path): try await runOnSQLite(path: path)
        case .clickHouse(let settings): try await runOnClickHouse(settings)
        }
    }

    private func runOnSQLite(path: String) async throws {
        let store = SQLiteStore(
            database: try SQLiteDatabase.open(path: path, columnCacheBytes: configuration.statsCacheBytes))
        store.observeColumnLoads { [logger] report in
            logger.info(
                "stats.columns.loaded",
                metadata: [
                    "site": "\(report.siteID)", "events": "\(report.events)", "sessions": "\(report.sessions)",
                    "bytes": "\(report.bytes)", "kept": "\(report.kept)", "duration": "\(report.duration)",
                ])
        }
        let snapshots = (path as NSString).deletingLastPathComponent + "/columns"
        for report in await store.restoreColumnSnapshots(from: snapshots) {
            logger.columnSnapshot("stats.columns.restored", report)
        }
        var background: [any Service] = [ColumnPreloadService(store: store, logger: logger)]
        if let interval = configuration.statsSnapshotInterval, configuration.statsCacheBytes > 0 {
            background.append(
                ColumnSnapshotService(store: store, directory: snapshots, interval: interval, logger: logger))
        }
        try await serve(stores: ServerStores(all: store, dialect: SQLiteDialect()), background: background)
        for report in await store.saveColumnSnapshots(in: snapshots) {
            logger.columnSnapshot("stats.columns.saved", report)
        }
    }

    /// Migrates the database first; the client is closed when the server has stopped.
    private func runOnClickHouse(_ settings: ClickHouseConfiguration) async throws {
        let client = ClickHouseClient(configuration: settings)
        do {
            let applied = try await BlockingWork.run {
                try ClickHouseMigrator(client: client).migrate(now: SystemWallClock().nowSeconds())
            }
            logger.info("clickhouse.migrated", metadata: ["store": "\(settings)", "applied": "\(applied)"])
            let node = try ClickHouseNodeName.load(dataDirectory: configuration.dataDirectory)
            let crash = configuration.clickHouseCrash
            if let crash {
                logger.warning(
                    "test hook set: the writer kills this process after an insert",
                    metadata: ["step": "\(crash.step)", "write": "\(crash.write)"])
            }
            let events = ClickHouseEventStore(client: client, node: node, afterStep: crash?.afterStep())
            let store = ClickHouseStore(client: client)
            let reader = ClickHouseStatsReader(client: client)
            let stores = ServerStores(
                // No session archive: reading evicted sessions back from ClickHouse would block
                // an event loop on HTTP (ClickHouseEventStore implements the role for later).
                events: events, archive: nil, sites: store, shields: store, salts: store, drops: store,
                idempotencyKeys: store, accounts: store, stats: StatsBackend(reader: reader, dialect: reader.dialect))
            try await serve(stores: stores, background: [])
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }

    /// Runs the server over `stores` until a signal stops it; `background` services run once,
    /// and their end or failure does not stop the server.
    private func serve(stores: ServerStores, background: [any Service]) async throws {
        let store = stores.events
        let journal = try Journal(
            directory: configuration.journalDirectory ?? configuration.dataDirectory + "/journal",
            durability: configuration.durability,
            maxPendingBytes: configuration.journalMaxBytes,
            logger: logger
        )
        try journal.open(appliedSequence: try await BlockingWork.run { try store.appliedJournalSequence() })
        defer { journal.close() }
        let datasets = try ServerDatasets(
            dataDirectory: configuration.dataDirectory,
            geoIPFile: configuration.geoIPDatabase,
            logger: logger
        )
        let reloader = DatasetReloadService(datasets: datasets.all, logger: logger) { kind in
            if kind == .geoip { datasets.warmLocationNames() }
        }
        datasets.warmLocationNames()
        reloader.logInitialLoads(datasets.initialLoads)
        let components = try PerchComponents(
            stores: stores,
            journal: journal,
            clock: SystemWallClock(),
            enrichment: datasets.enrichment,
            locationNames: datasets.locationNames,
            settings: ServerSettings(
                flushInterval: configuration.flushInterval,
                maxBodyBytes: configuration.maxBodyBytes,
                trustedProxies: configuration.trustedProxies,
                webAssets: configuration.webAssetsDirectory.map(WebAssets.directory) ?? .builtIn(),
                connectionLimits: configuration.connectionLimits,
                maxSessions: configuration.maxSessions
            ),
            logger: logger
        )
        let readiness = components.readiness
        let app = Application(
            router: components.router,
            server: components.server,
            configuration: .init(
                address: .hostname(configuration.listen.host, port: configuration.listen.port),
                serverName: "perch"
            ),
            onServerRunning: { _ in readiness.set(.ready) },
            logger: logger
        )
        let group = ServiceGroup(
            configuration: .init(
                services: (components.services + [reloader]).map { .init(service: $0) }
                    + background.map {
                        .init(service: $0, successTerminationBehavior: .ignore, failureTerminationBehavior: .ignore)
                    }
                    + [.init(service: DrainingApplication(app: app, readiness: readiness))],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        logger.info(
            "perch.start",
            metadata: [
                "listen": "\(configuration.listen.host):\(configuration.listen.port)",
                "data.dir": "\(configuration.dataDirectory)",
                "store": "\(configuration.store)",
                "journal.dir": "\(journal.directory)",
                "durability": "\(configuration.durability)",
            ]
        )
        try await group.run()
        logger.info("perch.stop")
    }
}

/// Marks the server as draining (health 503) as soon as shutdown begins, then lets Hummingbird
/// finish the requests in flight.
struct DrainingApplication<App: ApplicationProtocol>: Service {
    let app: App
    let readiness: Readiness

    func run() async throws {
        try await withGracefulShutdownHandler {
            try await app.run()
        } onGracefulShutdown: {
            readiness.set(.draining)
        }
    }
}

/// Loads the busiest sites' columns once, in the background, as the server starts (so the first
/// dashboard after a restart does not wait for SQL); then waits for its turn in the shutdown.
///
/// Ending on its own is not enough: a service that ends while the group is shutting down the
/// services before it fails the whole shutdown (ServiceGroup's "finished unexpectedly", exit
/// status 1) before the event writer's last flush. A SIGTERM right after start, while the
/// preload finished, did that (DurabilityKillTests, about one run in twenty on a busy machine).
struct ColumnPreloadService: Service {
    let store: SQLiteStore
    let logger: Logger

    func run() async throws {
        do {
            let sites = try await store.preloadBusiestSites(now: SystemWallClock().nowSeconds())
            logger.info("stats.columns.preloaded", metadata: ["sites": "\(sites.count)"])
        } catch {
            logger.warning("stats.columns.preload.failed", metadata: ["error": "\(error)"])
        }
        try? await gracefulShutdown()
    }
}
