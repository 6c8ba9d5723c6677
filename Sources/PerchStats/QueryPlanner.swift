/// Turns a validated query into SQL for one store's dialect (spec §14.4, §14.5).
///
/// Shape: up to four common table expressions grouped by the dimensions — `ev` (event-table
/// metrics), `se` (session-table metrics), `sd` (scroll depth, a mean of per-session maxima) and
/// `gd` (group conversion denominators) — left-joined on the dimension columns to the first of
/// them (for a dialect without CTEs, nested in FROM and joined one per level by column names).
/// Every user value is a bound parameter (which a dialect without parameters renders as an escaped
/// literal); dimension columns are `d0…`, metrics `m_<name>`.
package struct QueryPlanner<Dialect: SQLDialect>: Sendable {
    package let dialect: Dialect

    package init(dialect: Dialect) {
        self.dialect = dialect
    }

    /// `paginated: false` leaves out `LIMIT`/`OFFSET`, for a caller that orders and pages the
    /// rows itself (by location names, which SQL does not know).
    /// `precomputed` holds what a store computed for `precomputeRequest(query)`.
    package func plan(
        _ query: ValidatedQuery, paginated: Bool = true, precomputed: PrecomputedGroups? = nil
    ) -> PlannedQuery {
        let context = PlanContext(query: query, dialect: dialect, precomputed: precomputed ?? PrecomputedGroups())
        var ctes: [(String, SQLFragment)] = []
        if !context.goalsCTENeeded.isEmpty { ctes.append(("goals(name, event, pattern)", context.goalsCTENeeded)) }
        let (eventMetrics, sessionMetrics) = Self.sideMetrics(context)
        let needsScroll = query.query.metrics.contains(.scrollDepth)
        let needsEvents = !eventMetrics.isEmpty || needsScroll || sessionMetrics.isEmpty
        if needsEvents { ctes.append(("ev", context.sideCTE(.events, metrics: eventMetrics))) }
        if !sessionMetrics.isEmpty { ctes.append(("se", context.sideCTE(.sessions, metrics: sessionMetrics))) }
        if needsScroll { ctes.append(("sd", context.scrollDepthCTE())) }
        let groupConversion = query.query.metrics.contains(.groupConversionRate)
        if groupConversion { ctes.append(("gd", context.groupDenominatorCTE())) }

        let driver = needsEvents ? "ev" : "se"
        var joins: [(String, [Int])] = ["se", "sd"].filter { name in
            name != driver && ctes.contains(where: { $0.0 == name })
        }.map { ($0, context.dimensionIndices) }
        if groupConversion { joins.append(("gd", context.nonGoalDimensionIndices)) }
        // Without CTEs (ClickHouse 18.16, which also joins only two tables per SELECT) each body
        // is nested in FROM, one join per level, joined by the dimension columns' names.
        let nested = !dialect.supportsCommonTableExpressions
        func nestedSide(_ name: String) -> SQLFragment {
            let body = ctes.first(where: { $0.0 == name })?.1 ?? ""
            let indices = name == "gd" ? context.nonGoalDimensionIndices : context.dimensionIndices
            var columns = indices.map { "d\($0)" }
            switch name {
            case "gd": columns.append("total")
            case "sd": columns.append("m_scroll_depth")
            default:
                // A side's row count under a name of its own: a side may have no metric column
                // (`ev` when only scroll depth reads events), and `n_rows` is in both sides.
                columns.append("n_rows AS n_rows_" + name)
                columns += (name == "ev" ? eventMetrics : sessionMetrics).map { "m_" + $0.rawValue }
            }
            return "(SELECT \(raw: columns.joined(separator: ", ")) FROM (\(body))) \(raw: name)"
        }
        var from: SQLFragment = nested ? nestedSide(driver) : "\(raw: driver)"
        for (level, (name, indices)) in joins.enumerated() {
            if nested {
                from =
                    "(SELECT * FROM \(from)" + dialect.leftJoin(nestedSide(name), using: indices.map { "d\($0)" })
                    + ") j\(raw: String(level))"
            } else {
                from += " LEFT JOIN \(raw: name) ON \(context.joinCondition(driver, name, indices))"
            }
        }
        var columns: [SQLFragment] = context.dimensionIndices.map {
            nested ? "d\(raw: String($0))" : "\(raw: driver).d\(raw: String($0)) AS d\(raw: String($0))"
        }
        for metric in query.query.metrics {
            columns.append(
                "\(context.finalMetric(metric, driver: driver, qualified: !nested)) AS m_\(raw: metric.rawValue)")
        }
        let with: SQLFragment =
            nested ? "" : "WITH " + SQLFragment.joined(ctes.map { "\(raw: $0.0) AS (\($0.1))" }, separator: ", ") + " "
        var main: SQLFragment = with + "SELECT " + SQLFragment.joined(columns, separator: ", ") + " FROM " + from
        main += " ORDER BY " + context.orderBy()
        if paginated {
            let page = query.query.pagination
            main += " LIMIT \(bind: Int64(page.limit)) OFFSET \(bind: Int64(page.offset))"
        }
        let total: SQLFragment? =
            query.query.include.totalRows
            ? with + "SELECT count(*) FROM " + (nested ? nestedSide(driver) : "\(raw: driver)") : nil
        return PlannedQuery(
            main: main.render(dialect), totalRows: total?.render(dialect), dimensions: query.dimensions,
            metrics: query.query.metrics)
    }

    /// What a store may compute for `plan` outside SQL, nil when the query is not plain enough:
    /// dimensions (a goal only alone) with at most one time dimension, whose buckets are single
    /// ranges; only the metrics below (whose aggregates are `Measure`s or `EntryPageAggregates`);
    /// only text-comparing filters (`isPrecomputable`). The store
    /// answers nil in turn when it cannot (a dimension it does not keep, a range it does not hold).
    package func precomputeRequest(_ query: ValidatedQuery) -> PrecomputeRequest? {
        let context = PlanContext(query: query, dialect: dialect)
        let metrics = query.query.metrics
        guard metrics.allSatisfy(Self.precomputableMetrics.contains), !context.keepsEngagementEvents,
            query.query.filters.allSatisfy(Self.isPrecomputable), let key = Self.precomputeKey(query, context)
        else { return nil }
        let (eventMetrics, sessionMetrics) = Self.sideMetrics(context)
        var sides: [(TableSide, [Metric])] = []
        if !eventMetrics.isEmpty || sessionMetrics.isEmpty { sides.append((.events, eventMetrics)) }
        if !sessionMetrics.isEmpty { sides.append((.sessions, sessionMetrics)) }
        // An event filter on the sessions side selects sessions by their events, a visit filter on
        // the events side reads the events' copies: a store may hold both.
        // Goals join the events only; a percentage of goal completers divides by them too.
        if case .goals = key, sides.contains(where: { $0.0 == .sessions }) || metrics.contains(.percentage) {
            return nil
        }
        var requests: [SideGroupsRequest] = []
        var totals: [SideGroupsRequest] = []
        for (side, metrics) in sides {
            let aggregates = context.groupedColumns(side, metrics: metrics).aggregates
            let entryPage = side == .sessions ? context.entryPageAggregates : nil
            let described = { (aggregate: Aggregate) in
                aggregate == .count || aggregate.measure != nil || aggregate == entryPage?.bounces
                    || aggregate == entryPage?.visits
            }
            guard aggregates.allSatisfy(described) else { return nil }
            requests.append(SideGroupsRequest(side: side, key: key, aggregates: aggregates, entryPage: entryPage))
            if metrics.contains(.percentage) {
                totals.append(SideGroupsRequest(side: side, key: .whole, aggregates: [context.totalVisitors(side)]))
            }
        }
        // `group_conversion_rate`'s denominators: the same groups, under `conversionFilters`.
        var groupDenominator: SideGroupsRequest?
        if metrics.contains(.groupConversionRate) {
            if case .goals = key { return nil }
            guard context.side(of: .groupConversionRate) == .events else { return nil }
            groupDenominator = SideGroupsRequest(side: .events, key: key, aggregates: [context.totalVisitors(.events)])
        }
        var conversionTotal: SideGroupsRequest?
        if metrics.contains(.conversionRate) {
            guard context.side(of: .conversionRate) == .events else { return nil }
            conversionTotal = SideGroupsRequest(
                side: .events, key: .whole, aggregates: [context.totalVisitors(.events)])
        }
        return PrecomputeRequest(
            siteKey: query.siteKey, from: query.range.from, to: query.range.to,
            sessionsFrom: query.range.from - PlanContext<Dialect>.sessionLookback, filters: query.query.filters,
            sides: requests, totals: totals, conversionTotal: conversionTotal,
            conversionFilters: query.query.filters.filter { !PlanContext<Dialect>.isGoalOrPropLeaf($0) },
            goals: query.goals, groupDenominator: groupDenominator)
    }

    /// How a precomputed side groups its rows: one time dimension, a goal alone, or any
    /// number of other dimensions, one of them maybe a time bucket; nil for a goal among others.
    private static func precomputeKey(_ query: ValidatedQuery, _ context: PlanContext<Dialect>) -> SideGroupsRequest
        .Key?
    {
        let dimensions = query.dimensions
        if dimensions.isEmpty { return .whole }
        if dimensions.count == 1, dimensions[0].isTime { return context.rangeBuckets.map { .buckets($0) } }
        if dimensions == [.event(.goal)] { return .goals(query.goals) }
        guard !dimensions.contains(.event(.goal)) else { return nil }
        guard dimensions.contains(where: \.isTime) else { return .dimensions(dimensions) }
        // A time bucket beside other dimensions: the buckets, when each is one range.
        guard dimensions.count(where: \.isTime) == 1, let granularity = query.timeGranularity,
            query.range.bucketCountEstimate(granularity) <= 1_000,
            let buckets = TimeBuckets.intervals(of: query.range, granularity: granularity, schedule: context.schedule)
        else { return nil }
        return .dimensionsAndBuckets(dimensions, buckets)
    }

    /// A filter a store can apply by comparing texts: any operator, with or without case, over
    /// text clauses (or `is`/`is_not` over integers, for cities), combined with and/or/not, on
    /// event names, pages, hostnames, goals and properties or visit attributes.
    private static func isPrecomputable(_ filter: Filter) -> Bool {
        switch filter {
        case .leaf(let leaf):
            // Integers (city ids) only compared for equality.
            let texts = leaf.clauses.allSatisfy { if case .string = $0 { true } else { false } }
            let integers = leaf.clauses.allSatisfy { if case .integer = $0 { true } else { false } }
            guard texts || (integers && leaf.op.positive == .is) else { return false }
            switch leaf.dimension {
            case .event, .prop, .visit: return true
            case .time: return false
            }
        case .and(let filters), .or(let filters): return filters.allSatisfy(isPrecomputable)
        case .not(let inner): return isPrecomputable(inner)
        case .hasDone, .hasNotDone: return false
        }
    }

    private static var precomputableMetrics: Set<Metric> {
        [
            .visitors, .visits, .pageviews, .events, .bounceRate, .visitDuration, .viewsPerVisit, .percentage,
            .conversionRate, .groupConversionRate,
        ]
    }

    /// The metrics each side computes (scroll depth has a side of its own).
    private static func sideMetrics(_ context: PlanContext<Dialect>) -> (events: [Metric], sessions: [Metric]) {
        let metrics = context.query.query.metrics
        return (
            metrics.filter { context.side(of: $0) == .events && $0 != .scrollDepth },
            metrics.filter { context.side(of: $0) == .sessions }
        )
    }

    /// The distinct codes of `dimension`'s column (a `visit:*` geo dimension) in the event and
    /// session rows the query's date range reaches, filters aside: what a name filter needs to
    /// consider when the named codes are too many to list (see `LocationNameFilter`).
    func presentCodes(_ dimension: Dimension.VisitAttribute, in query: ValidatedQuery) -> PlannedStatement {
        let context = PlanContext(query: query, dialect: dialect)
        let column = dimension.column
        let statement = dialect.distinctUnion(
            "SELECT DISTINCT e.\(raw: column) AS code FROM events e WHERE \(context.eventsWhere("e"))",
            "SELECT DISTINCT s.\(raw: column) AS code FROM sessions s WHERE \(context.sessionsWhere)")
        return statement.render(dialect)
    }
}
