import ArgumentParser
import Foundation
import Logging
import NIOCore
import PerchCore
import PerchServer

/// `perch serve`: runs the HTTP server on the chosen store (the embedded SQLite one by default).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the server: Events API, health and metrics."
    )

    @Option(help: "Address to listen on, HOST:PORT (env PERCH_LISTEN, default 127.0.0.1:8000).")
    var listen: String?

    @OptionGroup var storage: StoreOptions

    @Option(help: "MaxMind DB file for geolocation (env PERCH_GEOIP).")
    var geoip: String?

    @Option(
        help: "fsync: reply after the event is on disk; buffer: reply at once (env PERCH_DURABILITY, default fsync).")
    var durability: String?

    @Option(
        name: .customLong("flush-interval"),
        help: "How often the journal is written to the store, e.g. 100ms or 1s (env PERCH_FLUSH_INTERVAL, default 1s)."
    )
    var flushInterval: String?

    @Option(
        name: .customLong("trusted-proxy"),
        help: "CIDR whose client-IP headers are trusted; repeatable (env PERCH_TRUSTED_PROXY, comma-separated)."
    )
    var trustedProxies: [String] = []

    @Option(
        name: .customLong("stats-cache-mb"),
        help:
            "Memory for Stats API column caches of busy sites, in MiB; 0 turns them off (env PERCH_STATS_CACHE_MB, default 512)."
    )
    var statsCacheMB: String?

    @Option(
        name: .customLong("stats-snapshot-interval"),
        help:
            "How often the column caches are saved while serving, e.g. 15m; 0: only at shutdown (env PERCH_STATS_SNAPSHOT_INTERVAL, default 15m)."
    )
    var statsSnapshotInterval: String?

    @Option(
        name: .customLong("journal-dir"),
        help:
            "Where the journal of accepted events lives, e.g. on another disk than the database (env PERCH_JOURNAL_DIR, default DATA_DIR/journal)."
    )
    var journalDir: String?

    @Option(
        name: .customLong("journal-max-mb"),
        help:
            "Memory for events not yet in the store, in MiB; past it /api/event answers 503 (env PERCH_JOURNAL_MAX_MB, default 256)."
    )
    var journalMaxMB: String?

    @Option(
        name: .customLong("max-sessions"),
        help:
            "Visits held in memory at most; the least recently active are read back from the store when they continue (env PERCH_MAX_SESSIONS, default 500000)."
    )
    var maxSessions: String?

    @Option(
        name: .customLong("max-connections"),
        help: "Open connections at most; more are closed at once (env PERCH_MAX_CONNECTIONS, default 4096)."
    )
    var maxConnections: String?

    @Option(
        name: .customLong("idle-timeout"),
        help:
            "How long a connection may wait for a request's headers, idle or slow (env PERCH_IDLE_TIMEOUT, default 30s)."
    )
    var idleTimeout: String?

    @Option(
        name: .customLong("body-timeout"),
        help: "How long a request body may take to arrive (env PERCH_BODY_TIMEOUT, default 30s)."
    )
    var bodyTimeout: String?

    @Option(
        name: .customLong("write-timeout"),
        help: "How long replies may wait for a client that does not read them (env PERCH_WRITE_TIMEOUT, default 30s)."
    )
    var writeTimeout: String?

    @Option(
        name: .customLong("web-assets"),
        help: "Serve the dashboard and tracker files from this folder instead of the built-in copies (development)."
    )
    var webAssets: String?

    func run() async throws {
        let env = EnvironmentFallback(environment: ProcessInfo.processInfo.environment)
        let configuration: ServeConfiguration
        let store = try storage.choice()
        do {
            configuration = ServeConfiguration(
                listen: try ConfigurationParser.listen(
                    env.value(flag: listen, variable: "PERCH_LISTEN", default: "127.0.0.1:8000")
                ),
                dataDirectory: storage.data.resolved(),
                store: store,
                geoIPDatabase: geoip ?? env.environment["PERCH_GEOIP"],
                durability: try ConfigurationParser.durability(
                    env.value(flag: durability, variable: "PERCH_DURABILITY", default: "fsync")
                ),
                flushInterval: try ConfigurationParser.duration(
                    env.value(flag: flushInterval, variable: "PERCH_FLUSH_INTERVAL", default: "1s"),
                    option: "--flush-interval"
                ),
                trustedProxies: try ConfigurationParser.trustedProxies(
                    env.values(flag: trustedProxies, variable: "PERCH_TRUSTED_PROXY")
                ),
                statsCacheBytes: try ConfigurationParser.mebibytes(
                    env.value(flag: statsCacheMB, variable: "PERCH_STATS_CACHE_MB", default: "512"),
                    option: "--stats-cache-mb"
                ),
                statsSnapshotInterval: try snapshotInterval(env),
                webAssetsDirectory: webAssets,
                journalDirectory: journalDir ?? env.environment["PERCH_JOURNAL_DIR"],
                journalMaxBytes: try ConfigurationParser.mebibytes(
                    env.value(flag: journalMaxMB, variable: "PERCH_JOURNAL_MAX_MB", default: "256"),
                    option: "--journal-max-mb", minimum: 1
                ),
                connectionLimits: try connectionLimits(env),
                maxSessions: try sessionBound(env),
                clickHouseCrash: try ClickHouseCrashHook.parse(env.environment[ClickHouseCrashHook.variable])
            )
        } catch {
            throw ValidationError(error.description)
        }
        var logger = Logger(label: "perch")
        logger.logLevel = Logger.Level(rawValue: env.environment["PERCH_LOG_LEVEL"] ?? "info") ?? .info
        try await ServerAssembly(configuration: configuration, logger: logger).run()
    }

    /// `--stats-snapshot-interval`: a duration, or 0 for none.
    private func snapshotInterval(_ env: EnvironmentFallback) throws(ConfigurationError) -> Duration? {
        let text = env.value(flag: statsSnapshotInterval, variable: "PERCH_STATS_SNAPSHOT_INTERVAL", default: "15m")
        guard text != "0" else { return nil }
        return try ConfigurationParser.duration(text, option: "--stats-snapshot-interval")
    }

    private func sessionBound(_ env: EnvironmentFallback) throws(ConfigurationError) -> Int {
        let text = env.value(flag: maxSessions, variable: "PERCH_MAX_SESSIONS", default: "500000")
        guard let count = Int(text), count >= 1_000 else {
            throw .invalid("--max-sessions", text, "expected a whole number, at least 1000")
        }
        return count
    }

    private func connectionLimits(_ env: EnvironmentFallback) throws(ConfigurationError) -> ConnectionLimits {
        func timeout(_ flag: String?, _ variable: String, _ option: String) throws(ConfigurationError) -> TimeAmount {
            let duration = try ConfigurationParser.duration(
                env.value(flag: flag, variable: variable, default: "30s"), option: option)
            return .nanoseconds(duration.wholeNanoseconds)
        }
        let maximum = env.value(flag: maxConnections, variable: "PERCH_MAX_CONNECTIONS", default: "4096")
        guard let count = Int(maximum), count >= 1 else {
            throw .invalid("--max-connections", maximum, "expected a whole number, at least 1")
        }
        return ConnectionLimits(
            maxConnections: count,
            idleTimeout: try timeout(idleTimeout, "PERCH_IDLE_TIMEOUT", "--idle-timeout"),
            bodyTimeout: try timeout(bodyTimeout, "PERCH_BODY_TIMEOUT", "--body-timeout"),
            writeTimeout: try timeout(writeTimeout, "PERCH_WRITE_TIMEOUT", "--write-timeout"))
    }
}
