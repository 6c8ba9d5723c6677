import GRDB

/// Loads the busiest sites' columns when the server starts, so the first dashboard of a big site
/// after a restart is answered from columns instead of by SQL while they load.
extension SQLiteStore {
    /// Columns are about this many bytes per event, sessions included: 131 measured on the
    /// 10-million-event seed (175 MB for the busiest site's 1.34 M events and 573 k sessions,
    /// 87 MB for `seed-2`'s 664 k and 286 k, with `NumberSlots` tables; 138 before them), and a
    /// margin for sites with more sessions per event.
    static let estimatedColumnBytesPerEvent = 140
    /// The range a preload holds: the dashboard's 30 days and the previous 30 its top stats are
    /// compared with, and a day earlier for time zones.
    package static let preloadDays: Int64 = 62

    /// At most this many sites are loaded at start: loading competes for the CPU with the
    /// queries of the first minutes, so it is kept to the sites where SQL is slowest.
    package static let maxPreloadedSites = 3

    /// The sites are ranked by their sessions active in this last stretch before the newest
    /// session: read site by site through `sessions_site_timestamp`, a day's sessions instead of
    /// every event of the 62 days (a scan of 10 M index entries, 0.8 s of CPU on the
    /// 10-million-event seed, at start, beside the first queries).
    static let rankingSeconds: Int64 = 86_400

    /// The sites with the most events since `since`, busiest first (at most `maxSites`, chosen
    /// among the sites with the most sessions in the last `rankingSeconds`), while their estimated
    /// columns fit in `share` of the cache's budget.
    package func busiestSites(
        since: Int64, share: Double = 0.8, maxSites: Int = maxPreloadedSites
    ) async throws -> [Int64] {
        let cache = database.columns
        guard cache.isEnabled else { return [] }
        let counts = try await writer.read { db -> [(site: Int64, events: Int)] in
            guard let newest = try Int64.fetchOne(db, sql: Self.newestSessionTime) else { return [] }
            let candidates = try Row.fetchAll(
                db, sql: Self.sessionsPerSite, arguments: [max(since, newest - Self.rankingSeconds)]
            )
            .map { row -> (site: Int64, sessions: Int) in (row[0], row[1]) }
            .filter { $0.sessions > 0 }
            .sorted { ($1.sessions, $0.site) < ($0.sessions, $1.site) }
            .prefix(maxSites).map(\.site)
            return try candidates.map { site in
                let events = try Int.fetchOne(
                    db,
                    sql: "SELECT count(*) FROM events WHERE site_id = ? AND timestamp >= ? AND name <> 'engagement'",
                    arguments: [site, since])
                return (site, events ?? 0)
            }
            .filter { $0.events > 0 }.sorted { $0.events > $1.events }
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

    /// The newest session `timestamp`: each site's newest, one seek in `sessions_site_timestamp`.
    static let newestSessionTime =
        SessionSites.commonTableExpression + """
             SELECT max((SELECT max(timestamp) FROM sessions WHERE site_id = session_sites.id)) FROM session_sites
            """

    /// Each site with sessions and how many of them have their last event at or after the bound
    /// time, counted in the site's own range of `sessions_site_timestamp`.
    static let sessionsPerSite =
        SessionSites.commonTableExpression + """
             SELECT id, (SELECT count(*) FROM sessions WHERE site_id = session_sites.id AND timestamp >= ?)
            FROM session_sites WHERE id IS NOT NULL
            """

    /// Where the preload's range starts: `preloadDays` before `now`, at UTC midnight.
    static func preloadStart(now: Int64) -> Int64 {
        (now - preloadDays * 86_400).floorDivided(by: 86_400) * 86_400
    }

    /// Loads the columns of the busiest sites (see `busiestSites`), busiest first, behind any
    /// load a query asked for (`ColumnLoadQueue`): a site a query is loading already is waited
    /// for, not loaded beside it. Returns the sites loaded.
    @discardableResult
    package func preloadBusiestSites(now: Int64) async throws -> [Int64] {
        let from = Self.preloadStart(now: now)
        let sites = try await busiestSites(since: from)
        let loads = database.columns.loads
        for site in sites { loads.enqueue(site, from: from, urgency: .preload, load: columnLoad) }
        for site in sites { try await loadColumns(siteID: site, from: from, urgency: .preload) }
        return sites
    }
}
