import Hummingbird
import HummingbirdCore
import Logging
import PerchCore
import PerchEnrich
import PerchIngest
import PerchJournal
import PerchStats
import PerchWeb
import ServiceLifecycle

/// Settings of the running server that are not about where it listens or what it stores.
package struct ServerSettings: Sendable {
    package var flushInterval: Duration
    package var maxBodyBytes: Int
    package var siteRefreshInterval: Duration
    /// Serve `POST /api/event` from the channel pipeline (`EventFastPathHandler`) instead of a
    /// Hummingbird route. Both answer alike; the fast path skips a hop into Swift concurrency and
    /// the conversion to HTTPTypes.
    package var eventFastPath: Bool
    /// Peers whose client-IP headers are believed.
    package var trustedProxies: [CIDRBlock]
    /// How often drop counts move from memory into the store (`perch drops`).
    package var dropFlushInterval: Duration
    /// Where the dashboard and tracker files come from (the embedded copies unless developing).
    package var webAssets: WebAssets
    /// The connection cap and the timeouts for slow clients.
    package var connectionLimits: ConnectionLimits
    /// The most sessions the session cache holds (`perch serve --max-sessions`).
    package var maxSessions: Int

    package init(
        flushInterval: Duration = .seconds(1),
        maxBodyBytes: Int = 1_000_000,
        siteRefreshInterval: Duration = .milliseconds(500),
        eventFastPath: Bool = true,
        trustedProxies: [CIDRBlock] = CIDRBlock.loopback,
        dropFlushInterval: Duration = .seconds(5),
        webAssets: WebAssets = .builtIn(),
        connectionLimits: ConnectionLimits = ConnectionLimits(),
        maxSessions: Int = SessionCache.defaultMaxSessions
    ) {
        self.flushInterval = flushInterval
        self.maxBodyBytes = maxBodyBytes
        self.siteRefreshInterval = siteRefreshInterval
        self.eventFastPath = eventFastPath
        self.trustedProxies = trustedProxies
        self.dropFlushInterval = dropFlushInterval
        self.webAssets = webAssets
        self.connectionLimits = connectionLimits
        self.maxSessions = maxSessions
    }
}

/// Everything a Perch server runs, wired together over a store the caller chose: the router and
/// the background services (writer, site and shield refreshers, session sweeper, drop-count
/// flusher), in start order.
package struct PerchComponents {
    package let router: Router<PerchRequestContext>
    /// The HTTP/1 server, with the Events API fast path in its channel pipeline when enabled.
    package let server: HTTPServerBuilder
    /// What each of the server's connections is built from.
    package let connectionHandlers: PerchConnectionHandlers
    package let services: [any Service]
    package let readiness: Readiness
    package let metrics: ServerMetrics
    package let pipeline: IngestPipeline
    package let writer: EventWriter
    /// Drops counted since the last flush; `dropFlusher` stores them.
    package let dropCounter: DropCounter
    package let dropFlusher: DropCountFlusher
    package let shieldRefresher: ShieldRefresher
    /// Open HTTP connections, against `ConnectionLimits.maxConnections`.
    package let connections: ConnectionCounter

    /// Everything over one store that plays every role (SQLite), its Stats API in SQLite's dialect.
    package init(
        store: some EventStore & SiteDirectory & SaltStore & ShieldDirectory & DropCountStore & DashboardAccountStore
            & IdempotencyKeyStore & SessionArchive,
        journal: Journal,
        clock: any WallClock,
        enrichment: EnrichmentData = .builtIn,
        locationNames: @escaping @Sendable () -> LocationNames = { .builtIn },
        settings: ServerSettings,
        logger: Logger
    ) throws {
        try self.init(
            stores: ServerStores(all: store, dialect: SQLiteDialect()), journal: journal, clock: clock,
            enrichment: enrichment, locationNames: locationNames, settings: settings, logger: logger)
    }

    /// Warms the session cache from the store and the journal's unapplied entries, loads the sites,
    /// and builds the pipeline and routes. `locationNames` feeds the Stats API's `visit:*_name`
    /// dimensions (the live GeoIP database's names). Without `stores.stats` the Stats API and the
    /// dashboard answer 501 (the tracker is still served).
    package init(
        stores: ServerStores,
        journal: Journal,
        clock: any WallClock,
        enrichment: EnrichmentData = .builtIn,
        locationNames: @escaping @Sendable () -> LocationNames = { .builtIn },
        settings: ServerSettings,
        logger: Logger
    ) throws {
        let store = stores.events
        let sessions = SessionCache(maxSessions: settings.maxSessions, archive: stores.archive)
        let idleCutoff = clock.nowSeconds() - SessionCache.idleTimeoutSeconds - 60
        sessions.warm(with: try store.sessions(activeSince: idleCutoff))
        let pending = journal.pendingBatch(max: Int.max)
        sessions.warm(with: pending.compactMap(\.entry.session))
        let eventIDs = IdempotencyIndex()
        let loadedAt = clock.nowSeconds()
        eventIDs.load(
            try stores.idempotencyKeys.idempotencyKeys(since: loadedAt - IdempotencyIndex.window), at: loadedAt)
        eventIDs.load(pending.compactMap(\.entry.idempotencyKey), at: loadedAt)

        let registry = SiteRegistry()
        let refresher = SiteRefresher(
            directory: stores.sites,
            registry: registry,
            interval: settings.siteRefreshInterval,
            logger: logger
        )
        try refresher.refresh()
        refresher.watchMisses()
        let shields = ShieldRegistry()
        let shieldRefresher = ShieldRefresher(
            directory: stores.shields,
            registry: shields,
            interval: settings.siteRefreshInterval,
            logger: logger
        )
        try shieldRefresher.refresh()
        let dropCounter = DropCounter()
        let metrics = ServerMetrics()
        journal.observe(JournalMetrics(metrics: metrics))
        let salts = try SaltRing(store: stores.salts, clock: clock)
        let pipeline = IngestPipeline(
            sites: registry,
            rateLimiter: SiteRateLimiter(),
            salts: salts,
            sessions: sessions,
            journal: journal,
            clock: clock,
            enrichment: enrichment,
            shields: shields,
            dropCounter: dropCounter
        )
        let writer = EventWriter(
            journal: journal,
            store: store,
            configuration: .init(flushInterval: settings.flushInterval),
            observer: WriterMetrics(metrics: metrics),
            logger: logger
        )
        let readiness = Readiness()
        let responder = EventResponder(
            pipeline: pipeline,
            metrics: metrics,
            clientIPs: ClientIPResolver(trustedProxies: settings.trustedProxies),
            maxBodyBytes: settings.maxBodyBytes
        )
        let connections = ConnectionCounter(limit: settings.connectionLimits.maxConnections)
        connectionHandlers = PerchConnectionHandlers(
            limits: settings.connectionLimits, counter: connections,
            fastPath: settings.eventFastPath ? responder : nil)
        server = connectionHandlers.server
        self.connections = connections
        router = PerchRouter.build(
            events: EventController(responder: responder),
            batch: BatchController(responder: responder, index: eventIDs, clock: clock),
            operations: OperationsController(readiness: readiness, metrics: metrics) {
                metrics.journal(pending: journal.pendingCount, bytes: journal.pendingBytes)
                metrics.journal(syncs: journal.syncCounts)
                metrics.connections(open: connections.current)
                metrics.sessions(cached: sessions.count, evicted: sessions.evictions, reloaded: sessions.reloads)
            },
            stats: stores.stats.map { stats in
                StatsController(
                    reader: stats.reader, dialect: stats.dialect, clock: clock, locationNames: locationNames,
                    logger: logger)
            },
            web: stores.stats.flatMap { stats in
                stores.accounts.map { accounts in
                    let sites = stores.sites
                    let drops = stores.drops
                    return DashboardWeb(
                        accounts: accounts, reader: stats.reader,
                        answer: stats.answering(locationNames: locationNames),
                        sites: { try await BlockingWork.run { try sites.allSites() } },
                        dropCounts: { domain, since in
                            try await BlockingWork.run { try drops.dropCounts(since: since, domain: domain) }
                        },
                        assets: settings.webAssets, clock: clock, logger: logger)
                }
            },
            withoutStats: stores.stats == nil
                ? (
                    "The Stats API and the dashboard are not available with this store yet (perch serve --store clickhouse).",
                    settings.webAssets
                ) : nil
        )
        let dropFlusher = DropCountFlusher(
            counter: dropCounter, store: stores.drops, clock: clock, interval: settings.dropFlushInterval,
            logger: logger)
        services = [
            writer, refresher, shieldRefresher, SessionSweeper(sessions: sessions, clock: clock), dropFlusher,
            SaltMaintenanceService(ring: salts, clock: clock),
            EventIDSweeper(index: eventIDs, store: stores.idempotencyKeys, clock: clock),
        ]
        self.readiness = readiness
        self.metrics = metrics
        self.pipeline = pipeline
        self.writer = writer
        self.dropCounter = dropCounter
        self.dropFlusher = dropFlusher
        self.shieldRefresher = shieldRefresher
    }
}

/// Evicts idle sessions from the cache every 10 seconds.
struct SessionSweeper: Service {
    let sessions: SessionCache
    let clock: any WallClock

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while true {
                try await Task.sleep(for: .seconds(10))
                sessions.evictExpired(nowSeconds: clock.nowSeconds())
            }
        }
    }
}

/// Feeds the writer's flushes into the server's metrics.
struct WriterMetrics: EventWriterObserver {
    let metrics: ServerMetrics

    func eventWriterDidWrite(entries: Int, sessions: Int, duration: Duration) {
        metrics.flushed(entries: entries, nanoseconds: duration.wholeNanoseconds)
    }

    func eventWriterDidFail(entries: Int, error: any Error) {
        metrics.flushFailed()
    }
}

/// Forgets batch idempotency keys past their 24 hours, in memory every 10 minutes and in the store
/// once they are 48 hours old.
struct EventIDSweeper: Service {
    let index: IdempotencyIndex
    let store: any IdempotencyKeyStore
    let clock: any WallClock

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while true {
                try await Task.sleep(for: .seconds(600))
                let now = clock.nowSeconds()
                index.prune(now: now)
                let store = store
                _ = try? await BlockingWork.run {
                    try store.deleteIdempotencyKeys(before: now - 2 * IdempotencyIndex.window)
                }
            }
        }
    }
}
