import GRDB
import PerchStats

/// The Stats API's plain queries answered from the column cache (`ColumnarCache`).
///
/// A site's first such query starts reading its columns in the background and is answered by
/// SQL; later ones bring the held columns up to date with the commits since (the rows those
/// commits wrote, found by key range), then group them in Swift.
extension SQLiteStore {
    package func precomputedGroups(_ request: PrecomputeRequest) async throws -> PrecomputedGroups? {
        let cache = database.columns
        guard cache.isEnabled else { return nil }
        guard let box = cache.box(of: request.siteKey), box.from <= request.sessionsFrom else {
            let from = loadStart(request.sessionsFrom)
            cache.loads.enqueue(request.siteKey, from: from, urgency: .query, load: columnLoad)
            return nil
        }
        let regexp = SQLiteRegexp(limitSeconds: regexTimeLimitSeconds)
        let (groups, sequence, bytes) = try await writer.read { db in
            try box.withColumns { columns -> (PrecomputedGroups?, Int64, Int) in
                try Self.bringUpToDate(&columns, cache: cache, db)
                return (Self.groups(request, columns: columns, regexp: regexp), columns.sequence, columns.byteSize)
            }
        }
        cache.noteRefreshed(box, sequence: sequence, bytes: bytes)
        // A filter's or goal's pattern ran past the time limit: as SQL would.
        if regexp.hasExpired { throw StatsReadError.timedOut(seconds: regexp.limitSeconds) }
        if groups != nil { cache.countAnswer() }
        return groups
    }

    /// Brings a site's held columns to the commits `db` sees: unchanged, refreshed from the
    /// earliest instant this process's commits touched, or read again when some commits since
    /// are another process's (`ColumnarCache.change`).
    static func bringUpToDate(_ columns: inout SiteColumns, cache: ColumnarCache, _ db: Database) throws {
        let current = try SiteColumns.currentSequence(db)
        switch cache.change(to: columns.siteID, after: columns.sequence, through: current) {
        case .none: columns.advance(to: current)
        case .since(let instant): try columns.refresh(db, since: instant, through: current)
        case .unknown: columns = try SiteColumns.load(db, siteID: columns.siteID, from: columns.from)
        }
    }

    private static func groups(
        _ request: PrecomputeRequest, columns: SiteColumns, regexp: SQLiteRegexp
    ) -> PrecomputedGroups? {
        var groups = PrecomputedGroups()
        func json(_ side: SideGroupsRequest, filters: [Filter]) -> String? {
            ColumnarGroups.json(side, filters: filters, in: request, columns: columns, regexp: regexp)
        }
        for side in request.sides {
            guard let json = json(side, filters: request.filters) else { return nil }
            groups.sides[side.side] = json
        }
        for total in request.totals {
            guard let json = json(total, filters: request.filters) else { return nil }
            groups.totals[total.side] = json
        }
        if let total = request.conversionTotal {
            guard let json = json(total, filters: request.conversionFilters) else { return nil }
            groups.conversionTotal = json
        }
        if let denominator = request.groupDenominator {
            guard let json = json(denominator, filters: request.conversionFilters) else { return nil }
            groups.groupDenominator = json
        }
        return groups
    }

    /// Reads the site's columns from `from` on and keeps them; returns when they are held. Loads
    /// go through the cache's queue (`ColumnLoadQueue`): one at a time, and a site already queued
    /// or loading from `from` or earlier is waited for instead of read again.
    package func loadColumns(siteID: Int64, from: Int64) async throws {
        try await loadColumns(siteID: siteID, from: from, urgency: .query)
    }

    func loadColumns(siteID: Int64, from: Int64, urgency: ColumnLoadQueue.Urgency) async throws {
        let cache = database.columns
        guard cache.isEnabled else { return }
        try await cache.loads.load(siteID, from: from, urgency: urgency, load: columnLoad)
    }

    /// What the queue runs to load a site: reads its columns in one read transaction unless they
    /// are held already (a query loaded them first), and reports the load.
    var columnLoad: ColumnLoadQueue.Load {
        let store = self
        return { siteID, from in try await store.readColumns(siteID: siteID, from: from) }
    }

    private func readColumns(siteID: Int64, from: Int64) async throws {
        let cache = database.columns
        guard !cache.holds(siteID, from: from), cache.beginLoading(siteID) else { return }
        defer { cache.endLoading(siteID) }
        let clock = ContinuousClock()
        let started = clock.now
        let columns = try await writer.read { db in try SiteColumns.load(db, siteID: siteID, from: from) }
        let kept = cache.store(columns)
        cache.reportLoad(
            ColumnarCache.LoadReport(
                siteID: siteID, events: columns.events.count, sessions: columns.sessions.count,
                bytes: columns.byteSize, kept: kept, duration: clock.now - started))
    }

    /// Calls `observer` after each load of a site's columns.
    package func observeColumnLoads(_ observer: @escaping @Sendable (ColumnarCache.LoadReport) -> Void) {
        database.columns.observeLoads(observer)
    }

    /// Where a load for a range starting at `instant` starts: a day earlier, at UTC midnight, so
    /// the same dates in other time zones, and the next days' ranges, are held too; and no later
    /// than the preload's start (`preloadStart`), so a query's load of a site serves the preload
    /// too (a recent range's previous period included).
    func loadStart(_ instant: Int64) -> Int64 {
        min((instant - 86_400).floorDivided(by: 86_400) * 86_400, Self.preloadStart(now: clock.nowSeconds()))
    }
}

extension Int64 {
    func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor < 0) ? quotient - 1 : quotient
    }
}
