/// A query that passed every rule, with its date range resolved, `time` replaced by a concrete
/// granularity, the default order applied and the site's goals attached: what the planner takes.
package struct ValidatedQuery: Sendable, Hashable {
    package var query: StatsQuery
    package var range: ResolvedDateRange
    package var siteKey: Int64
    /// The requested dimensions with `time` resolved.
    package var dimensions: [Dimension]
    package var orderBy: [OrderEntry]
    package var goals: [Goal]

    /// Checks `query` against the rules of spec §14.2 that need more than the body's shape.
    /// `siteKey` is the store's numeric site id.
    package init(
        _ query: StatsQuery, siteKey: Int64, timeZone: SiteTimeZone, now: Int64, goals: [Goal] = [],
        statsStart: CivilDate? = nil
    ) throws(QueryError) {
        let range = ResolvedDateRange.resolve(
            query.dateRange, timeZone: timeZone, now: now, statsStart: statsStart,
            trim: query.include.trimRelativeDateRange)
        try QueryValidator.validate(query, goals: goals)
        if query.dimensions.contains(.time(.minute)), range.to - range.from > Self.maxMinuteRangeSeconds {
            throw QueryError("Invalid dimensions: time:minute needs a date range of at most 48 hours.")
        }
        if query.include.timeLabels {
            let granularity = query.dimensions.lazy.compactMap { dimension -> TimeGranularity? in
                guard case .time(let granularity) = dimension else { return nil }
                return granularity ?? range.automaticGranularity
            }.first
            if let granularity, range.bucketCountEstimate(granularity) > Self.maxTimeLabels {
                throw QueryError(
                    "Invalid include.time_labels: the date range spans more than \(Self.maxTimeLabels) time buckets.")
            }
        }
        self.query = query
        self.range = range
        self.siteKey = siteKey
        self.goals = goals
        dimensions = query.dimensions.map { dimension in
            dimension == .time(nil) ? .time(range.automaticGranularity) : dimension
        }
        orderBy = (query.orderBy ?? ValidatedQuery.defaultOrder(query.metrics, dimensions)).map { entry in
            entry.target == .dimension(.time(nil))
                ? OrderEntry(target: .dimension(.time(range.automaticGranularity)), ascending: entry.ascending)
                : entry
        }
    }

    /// Listing every bucket of an absurd range (`time:hour` over millennia) would exhaust memory.
    static let maxTimeLabels = 100_000
    /// `time:minute` (a Perch extension for realtime views) spans at most this long.
    static let maxMinuteRangeSeconds: Int64 = 48 * 3600

    /// `[[time, asc], [first metric, desc]]` with a time dimension, else `[[first metric, desc]]`.
    static func defaultOrder(_ metrics: [Metric], _ dimensions: [Dimension]) -> [OrderEntry] {
        var order: [OrderEntry] = []
        if let time = dimensions.first(where: \.isTime) {
            order.append(OrderEntry(target: .dimension(time), ascending: true))
        }
        order.append(OrderEntry(target: .metric(metrics[0]), ascending: false))
        return order
    }

    /// The granularity of the time dimension, if one is queried.
    package var timeGranularity: TimeGranularity? {
        for case .time(let granularity?) in dimensions { return granularity }
        return nil
    }

    /// Goals a goal filter leaf selects, by display name.
    package func goals(matching leaf: FilterLeaf) -> [Goal] {
        goals.filter { goal in
            let name = goal.displayName
            let hit = leaf.clauses.contains { clause in
                TextMatch.matches(leaf.op.positive, value: name, clause: clause.text, caseSensitive: leaf.caseSensitive)
            }
            return hit != leaf.op.isNegated
        }
    }
}
