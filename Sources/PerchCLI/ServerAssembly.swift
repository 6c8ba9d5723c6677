import ArgumentParser
import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import PerchCore
import PerchEnrich
import PerchJournal
import PerchSQLite
import PerchServer
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
        let store = try SQLiteStore(path: configuration.dataDirectory + "/perch.sqlite3")
        let journal = try Journal(
            directory: configuration.dataDirectory + "/journal",
            durability: configuration.durability,
            logger: logger
        )
        try journal.open(appliedSequence: try store.appliedJournalSequence())
        defer { journal.close() }
        let components = try PerchComponents(
            store: store,
            journal: journal,
            clock: SystemWallClock(),
            geo: try openGeoDatabase(),
            settings: ServerSettings(
                flushInterval: configuration.flushInterval,
                maxBodyBytes: configuration.maxBodyBytes,
                trustedProxies: configuration.trustedProxies
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
                services: components.services.map { .init(service: $0) }
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
                "durability": "\(configuration.durability)",
            ]
        )
        try await group.run()
        logger.info("perch.stop")
    }
}

extension ServerAssembly {
    /// The `--geoip` file, else `geoip.mmdb` in the data directory, else none (geo fields stay
    /// empty, with one warning). A file that is there but unreadable stops the start.
    func openGeoDatabase() throws -> MMDBReader? {
        let defaultPath = configuration.dataDirectory + "/geoip.mmdb"
        guard
            let path = configuration.geoIPDatabase
                ?? (FileManager.default.fileExists(atPath: defaultPath) ? defaultPath : nil)
        else {
            logger.warning("geoip.none", metadata: ["detail": "no --geoip file and no geoip.mmdb in the data dir"])
            return nil
        }
        do {
            let reader = try MMDBReader(path: path)
            logger.info(
                "geoip.loaded",
                metadata: ["geoip.path": "\(path)", "geoip.type": "\(reader.metadata.databaseType)"]
            )
            return reader
        } catch {
            throw ValidationError("cannot use the GeoIP database \(path): \(error)")
        }
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
