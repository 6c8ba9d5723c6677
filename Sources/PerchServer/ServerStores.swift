import PerchCore
import PerchStats

/// The store roles a Perch server runs on, chosen by the caller (`ServerAssembly`): one object may
/// play several roles (SQLite plays them all), or each role its own (ClickHouse writes events with
/// `ClickHouseEventStore` and keeps the rest in `ClickHouseStore`).
package struct ServerStores: Sendable {
    package var events: any EventStore
    /// Where the session cache reads back a visitor it evicted. It is asked on the event loop, so
    /// only a store that reads locally may be one; without it an evicted visitor who returns
    /// starts a new visit.
    package var archive: (any SessionArchive)?
    package var sites: any SiteDirectory
    package var shields: any ShieldDirectory
    package var salts: any SaltStore
    package var drops: any DropCountStore
    package var idempotencyKeys: any IdempotencyKeyStore
    /// The dashboard's users and links; without them (and `stats`) the dashboard is not served.
    package var accounts: (any DashboardAccountStore)?
    /// The Stats API's reader and the SQL dialect it runs; without one the Stats API answers 501.
    package var stats: StatsBackend?

    package init(
        events: any EventStore, archive: (any SessionArchive)?, sites: any SiteDirectory, shields: any ShieldDirectory,
        salts: any SaltStore, drops: any DropCountStore, idempotencyKeys: any IdempotencyKeyStore,
        accounts: (any DashboardAccountStore)?, stats: StatsBackend?
    ) {
        self.events = events
        self.archive = archive
        self.sites = sites
        self.shields = shields
        self.salts = salts
        self.drops = drops
        self.idempotencyKeys = idempotencyKeys
        self.accounts = accounts
        self.stats = stats
    }

    /// Every role from one store; the Stats API when it is also a `StatsReader`, with `dialect`.
    package init(
        all store: some EventStore & SiteDirectory & SaltStore & ShieldDirectory & DropCountStore
            & DashboardAccountStore & IdempotencyKeyStore & SessionArchive,
        dialect: some SQLDialect
    ) {
        self.init(
            events: store, archive: store, sites: store, shields: store, salts: store, drops: store,
            idempotencyKeys: store, accounts: store,
            stats: (store as? any StatsReader).map { StatsBackend(reader: $0, dialect: dialect) })
    }
}

/// A store's Stats API reader with the SQL dialect its statements are planned in.
package struct StatsBackend: Sendable {
    package var reader: any StatsReader
    package var dialect: any SQLDialect

    package init(reader: any StatsReader, dialect: any SQLDialect) {
        self.reader = reader
        self.dialect = dialect
    }

    /// Answers a parsed query for a site at a time, as `POST /api/v2/query` does.
    package func answering(
        locationNames: @escaping @Sendable () -> LocationNames
    ) -> @Sendable (StatsQuery, StatsSite, Int64) async throws -> JSONValue {
        func answering(in dialect: some SQLDialect)
            -> @Sendable (StatsQuery, StatsSite, Int64) async throws -> JSONValue
        {
            let service = StatsQueryService(reader: reader, dialect: dialect, locationNames: locationNames)
            return { query, site, now in try await service.answer(query, site: site, now: now) }
        }
        return answering(in: dialect)
    }
}
