import PerchCore
import PerchStatsTestSupport

@testable import PerchSQLite

/// The generated world in SQLite.
extension PropertyWorld {
    /// An in-memory store holding the sites, their goals and every row; with `columns`, each
    /// site's rows are also loaded into the column cache, so plain queries are answered from it.
    func store(columns: Bool = false) async throws -> SQLiteStore {
        let store = SQLiteStore(database: try SQLiteDatabase.inMemory(columnCacheBytes: columns ? 1 << 30 : 0))
        for site in sites {
            let added = try store.addSite(domain: site.domain, timezone: site.zone)
            precondition(added.id == site.id)
            for goal in site.goals { try store.addGoal(goal, domain: site.domain) }
        }
        try store.write(StoreBatch(events: events, sessions: sessions, lastSequence: 1))
        if columns {
            let from = (events.map(\.timestamp).min() ?? now) - 30 * 86_400
            for site in sites { try await store.loadColumns(siteID: site.id, from: from) }
        }
        return store
    }
}
