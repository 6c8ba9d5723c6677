import GRDB

/// Loads the busiest sites' columns when the server starts, so the first dashboard of a big site
/// after a restart is answered from columns instead of by SQL while they load.
extension SQLiteStore {
    /// Columns are about this many bytes per event, sessions included (measured on the
    /// 10-million-event seed: 177 MB for the busiest site's 1.34 M events and 573 k sessions of
    /// 38 days, of which 4 B an event hold its props and 4 B a session its city), and 9% more
    /// since events keep their visit attributes (`VisitTuples`; 127 → 139 B an event measured
    /// on the seed's `seed-2`, 664 k events and 286 k sessions).
    static let estimatedColumnBytesPerEvent = 154
    /// The range a preload holds: the dashboard's 30 days and the previous 30 its top stats are
    /// compared with, and a day earlier for time zones.
    package static let preloadDays: Int64 = 62

    /// At most this many sites are loaded at start: loading competes for the CPU with the
    /// queries of the first minutes, so it is kept to the sites where SQL is slowest.
    package static let maxPreloadedSites = 3

    /// The sites with the most events since `since`, busiest first (at most `maxSites`), while
    /// their estimated columns fit in `share` of the cache's budget.
    package func busiestSites(
        since: Int64, share: Double = 0.8, maxSites: Int = maxPreloadedSites
    ) async throws -> [Int64] {
        let cache = database.columns
        guard cache.isEnabled else { return [] }
        let counts = try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT site_id, count(*) AS n FROM events WHERE timestamp >= ? AND name <> 'engagement'
                    GROUP BY site_id ORDER BY n DESC LIMIT ?
                    """,
                arguments: [since, maxSites]
            ).map { (site: $0[0] as Int64, events: $0[1] as Int) }
        }
        var room = Int(Double(cache.budget) * share)
        var sites: [Int64] = []
        for (site, events) in counts {
            let bytes = events * Self.estimatedColumnBytesPerEvent
            guard bytes <= room else { break }
            room -= bytes
            sites.append(site)
        }
        return sites
    }

    /// Loads the columns of the busiest sites (see `busiestSites`), one after another; returns the
    /// sites loaded.
    @discardableResult
    package func preloadBusiestSites(now: Int64) async throws -> [Int64] {
        let from = ((now - Self.preloadDays * 86_400) / 86_400) * 86_400
        let sites = try await busiestSites(since: from)
        for site in sites { try await loadColumns(siteID: site, from: from) }
        return sites
    }
}
