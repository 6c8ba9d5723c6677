/// Which table a part of a plan reads.
package enum TableSide: Sendable, Hashable {
    case events, sessions
}

/// One query being planned: the table decisions and the CTE bodies (see `QueryPlanner`).
struct PlanContext<Dialect: SQLDialect>: Sendable {
    let query: ValidatedQuery
    let dialect: Dialect
    let schedule: OffsetSchedule
    /// Either-table metrics read events when an event dimension or filter is involved (spec §14.5).
    let eitherSide: TableSide
    /// Sides' grouped rows and totals a store computed already (`PrecomputeRequest`).
    let precomputed: PrecomputedGroups

    static var sessionLookback: Int64 { 7 * 86_400 }

    init(query: ValidatedQuery, dialect: Dialect, precomputed: PrecomputedGroups = PrecomputedGroups()) {
        self.query = query
        self.dialect = dialect
        self.precomputed = precomputed
        schedule = query.range.timeZone.schedule(from: query.range.from - Self.sessionLookback, to: query.range.to)
        let eventDimension = query.dimensions.contains(where: \.isEventDimension)
        let eventFilter = query.query.filters.flatMap { $0.leaves() }.contains { $0.0.dimension.isEventDimension }
        let sessionOnly = query.dimensions.contains(where: \.isSessionOnly)
        eitherSide = (eventDimension || eventFilter) && !sessionOnly ? .events : .sessions
    }

    func side(of metric: Metric) -> TableSide {
        switch metric.source {
        case .events: .events
        case .sessions: .sessions
        case .either: eitherSide
        }
    }

    var dimensionIndices: [Int] { Array(query.dimensions.indices) }

    var nonGoalDimensionIndices: [Int] {
        query.dimensions.indices.filter { query.dimensions[$0] != .event(.goal) }
    }

    var usesGoalDimension: Bool { query.dimensions.contains(.event(.goal)) }

    /// `VALUES` rows of the site's goals when `event:goal` is a dimension, else empty.
    var goalsCTENeeded: SQLFragment {
        guard usesGoalDimension else { return "" }
        guard !query.goals.isEmpty else { return "SELECT NULL, NULL, NULL WHERE 0" }
        let rows: [SQLFragment] = query.goals.map { goal in
            switch goal.kind {
            case .event(let name): "(\(bind: goal.displayName), \(bind: name), NULL)"
            case .page(let path): "(\(bind: goal.displayName), NULL, \(bind: WildcardPattern(path).regex))"
            }
        }
        return "VALUES " + SQLFragment.joined(rows, separator: ", ")
    }

    // MARK: bases

    /// The site's events in the range. Engagement events only feed scroll depth and time on page
    /// (spec §14.5), so the rows behavioural and session-selecting filters look at leave them out.
    func eventsWhere(_ alias: String, engagement: Bool = false) -> SQLFragment {
        let range: SQLFragment =
            "\(raw: alias).site_id = \(bind: query.siteKey) AND \(raw: alias).timestamp >= \(bind: query.range.from) "
            + "AND \(raw: alias).timestamp < \(bind: query.range.to)"
        return engagement ? range : range + " AND \(raw: alias).name <> 'engagement'"
    }

    var sessionsWhere: SQLFragment {
        let from = query.range.from
        return "s.site_id = \(bind: query.siteKey) AND s.start >= \(bind: from - Self.sessionLookback) "
            + "AND s.timestamp >= \(bind: from) AND s.start < \(bind: query.range.to)"
    }

    /// Whether the events side reads `engagement` events: only scroll depth and time on page use
    /// them (spec §14.5), and not when grouping by event name, where they would be a row.
    var keepsEngagementEvents: Bool {
        (query.query.metrics.contains(.scrollDepth) || query.query.metrics.contains(.timeOnPage))
            && !query.dimensions.contains(.event(.name))
    }

    /// FROM and WHERE of one side, with every filter applied. `bucketRange` replaces the range's
    /// time bounds (events' timestamp, sessions' start) with one time bucket's.
    func base(
        _ side: TableSide, excludingGoalFilters: Bool = false, withGoals: Bool = true, bucketRange: SQLFragment? = nil
    ) -> SQLFragment {
        switch side {
        case .events:
            var from: SQLFragment = "events e"
            var completesAGoal: SQLFragment?
            if withGoals, usesGoalDimension, let rows = goalRows {
                from += " " + rows.clause
                // The events completing no goal give no row: leaving them out before the goal
                // rows are made saves making them (a third of a goal breakdown's time on ClickHouse).
                let completions = query.goals.map { goalCompletion($0, alias: "e") }
                if !completions.isEmpty {
                    completesAGoal = "(" + SQLFragment.joined(completions, separator: " OR ") + ")"
                }
            } else if withGoals, usesGoalDimension {
                from +=
                    " JOIN goals g ON (g.event IS NOT NULL AND e.name = g.event) OR (g.pattern IS NOT NULL "
                    + "AND e.name = 'pageview' AND \(dialect.regexMatch("e.pathname", pattern: "g.pattern")))"
            }
            if let sessions = sessionAttributesJoin { from += sessions }
            var conditions = [
                bucketRange.map { "e.site_id = \(bind: query.siteKey) AND \($0)" } ?? eventsWhere("e", engagement: true)
            ]
            if !keepsEngagementEvents { conditions.append("e.name <> 'engagement'") }
            if let completesAGoal { conditions.append(completesAGoal) }
            for filter in query.query.filters where !(excludingGoalFilters && Self.isGoalOrPropLeaf(filter)) {
                conditions.append(eventCondition(filter, alias: "e"))
            }
            return from + " WHERE " + SQLFragment.joined(conditions, separator: " AND ")
        case .sessions:
            var conditions = [
                bucketRange.map {
                    "s.site_id = \(bind: query.siteKey) AND \($0) AND s.timestamp >= \(bind: query.range.from)"
                }
                    ?? sessionsWhere
            ]
            for filter in query.query.filters { conditions.append(sessionCondition(filter)) }
            if !weighsSessionRows, let current = currentSessions("s") { conditions.append(current) }
            return "sessions s WHERE " + SQLFragment.joined(conditions, separator: " AND ")
        }
    }

    /// The dialect's goal rows (`SQLDialect.goalRows`) for the query's goals, nil to join the CTE.
    var goalRows: (clause: SQLFragment, name: SQLFragment)? {
        dialect.goalRows(query.goals.map { ($0.displayName, goalCompletion($0, alias: "e")) })
    }

    /// Whether session metrics weigh rows by sign (`SQLDialect.signWeighted`) instead of reading
    /// current states only: when the dialect can, and no dimension or filter reads what changes
    /// between a session's states (exit and entry page and their hostnames; the time filter on
    /// `timestamp` only grows, so a state passing it has a newer one passing it too).
    var weighsSessionRows: Bool {
        guard dialect.signWeighted(.count) != nil else { return false }
        let filtered = query.query.filters.flatMap { $0.leaves() }.map(\.0.dimension)
        return !(query.dimensions + filtered).contains(where: Self.changesBetweenStates)
    }

    /// A visit attribute that differs between a session's states: the exit page and its hostname,
    /// and the entry page and its hostname too, which are empty until the visit's first pageview
    /// (a visit that begins with a custom event gets them later). Weighted by sign, the empty entry
    /// page of such a superseded state was a row of 0 visits and 1 visitor
    /// (ClickHouseStatsPropertyTests, seed 12874225362926604033).
    static func changesBetweenStates(_ dimension: Dimension) -> Bool {
        switch dimension {
        case .visit(.exitPage), .visit(.exitPageHostname), .visit(.entryPage), .visit(.entryPageHostname): true
        default: false
        }
    }

    /// The dialect's condition keeping current session states (`SQLDialect.currentSessions`) over
    /// every session the query's range reaches.
    func currentSessions(_ alias: String) -> SQLFragment? {
        dialect.currentSessions(
            alias, site: query.siteKey, startFrom: query.range.from - Self.sessionLookback, startTo: query.range.to)
    }

    /// The session attributes (entry and exit page and hostname) the query groups events by, for a
    /// dialect without correlated subqueries: each event's session's current state joined by
    /// `session_id`, its columns named `s2_<column>` (NULL when the session started before the
    /// lookback, as the correlated lookup reads it). Nil when not needed.
    var sessionAttributesJoin: SQLFragment? {
        guard !dialect.supportsCorrelatedSubqueries else { return nil }
        var columns: [String] = []
        for case .visit(let attribute) in query.dimensions where attribute.isSessionOnly {
            columns.append("s.\(attribute.column) AS s2_\(attribute.column)")
        }
        guard !columns.isEmpty else { return nil }
        var conditions: [SQLFragment] = [
            "s.site_id = \(bind: query.siteKey) AND s.start >= \(bind: query.range.from - Self.sessionLookback) "
                + "AND s.start < \(bind: query.range.to)"
        ]
        if query.dimensions.contains(where: Self.changesBetweenStates), let current = currentSessions("s") {
            conditions.append(current)
        }
        return
            " ANY LEFT JOIN (SELECT s.session_id AS session_id, \(raw: columns.joined(separator: ", ")) FROM sessions s "
            + "WHERE " + SQLFragment.joined(conditions, separator: " AND ") + ") s2 USING session_id"
    }

    static func isGoalOrPropLeaf(_ filter: Filter) -> Bool {
        guard case .leaf(let leaf) = filter else { return false }
        if case .prop = leaf.dimension { return true }
        return leaf.dimension == .event(.goal)
    }

    /// Groups by the first `indices.count` select columns, by position.
    func groupBy(_ indices: [Int]) -> SQLFragment {
        let positions = (0..<indices.count).map { String($0 + 1) }
        let terms = dialect.groupsByPosition ? positions : indices.map { "d\($0)" }
        return indices.isEmpty ? "" : " GROUP BY " + SQLFragment(stringLiteral: terms.joined(separator: ", "))
    }

    func dimensionColumns(_ side: TableSide, _ indices: [Int]) -> [SQLFragment] {
        indices.map { "\(dimensionExpression(query.dimensions[$0], side: side, alias: "e")) AS d\(raw: String($0))" }
    }

    // MARK: CTEs

    func sideCTE(_ side: TableSide, metrics: [Metric]) -> SQLFragment {
        if let groups = precomputed.sides[side], let rows = dialect.precomputedRows(groups) {
            return groupedSideCTE(side, metrics: metrics, rows: rows)
        }
        if let buckets = rangeBuckets { return bucketedSideCTE(side, metrics: metrics, buckets: buckets) }
        if let grouped = hashGroupedSideCTE(side, metrics: metrics) { return grouped }
        var columns = dimensionColumns(side, dimensionIndices)
        columns.append("count(*) AS n_rows")
        for metric in metrics { columns.append("\(sideMetric(metric, side: side)) AS m_\(raw: metric.rawValue)") }
        return "SELECT " + SQLFragment.joined(columns, separator: ", ") + " FROM " + base(side)
            + groupBy(dimensionIndices)
    }

    /// Scroll depth: the mean over sessions of each session's deepest known scroll (≤ 100).
    /// Only engagement events carry one: the other rows would make groups whose depth is NULL,
    /// which the mean skips (and a group left without a row reads as NULL through the join), so
    /// they are left out before grouping by session, the costly part.
    func scrollDepthCTE() -> SQLFragment {
        let outer = dimensionIndices.map { "d\($0)" }
        var inner = dimensionColumns(.events, dimensionIndices)
        inner.append("e.session_id AS sid")
        inner.append("max(CASE WHEN e.name = 'engagement' AND e.scroll_depth <= 100 THEN e.scroll_depth END) AS depth")
        let perSession: SQLFragment =
            "SELECT " + SQLFragment.joined(inner, separator: ", ") + " FROM " + base(.events)
            + " AND e.name = 'engagement' AND e.scroll_depth <= 100 GROUP BY "
            + SQLFragment(
                stringLiteral: dialect.groupsByPosition
                    ? (1...(dimensionIndices.count + 1)).map(String.init).joined(separator: ", ")
                    : (dimensionIndices.map { "d\($0)" } + ["sid"]).joined(separator: ", "))
        let select = (outer + ["avg(depth) AS m_scroll_depth"]).joined(separator: ", ")
        return "SELECT \(raw: select) FROM (\(perSession))" + groupBy(dimensionIndices)
    }

    /// Group conversion denominators: visitors per non-goal group, goal filters left out (read
    /// from the store's precomputed groups if there are some).
    func groupDenominatorCTE() -> SQLFragment {
        let indices = nonGoalDimensionIndices
        if let json = precomputed.groupDenominator, let rows = dialect.precomputedRows(json) {
            let keys: [SQLFragment] = indices.enumerated().map {
                "\(dialect.hashGroupedColumn($0.offset)) AS d\(raw: String($0.element))"
            }
            let total: SQLFragment = "\(dialect.hashGroupedColumn(indices.count)) AS total"
            return "SELECT " + SQLFragment.joined(keys + [total], separator: ", ") + " FROM " + rows
        }
        var columns = dimensionColumns(.events, indices)
        columns.append("\(dialect.countDistinct("e.user_id")) AS total")
        return "SELECT " + SQLFragment.joined(columns, separator: ", ") + " FROM "
            + base(.events, excludingGoalFilters: true, withGoals: false) + groupBy(indices)
    }

    func joinCondition(_ left: String, _ right: String, _ indices: [Int]) -> SQLFragment {
        guard !indices.isEmpty else { return "1 = 1" }
        return SQLFragment(stringLiteral: indices.map { "\(left).d\($0) = \(right).d\($0)" }.joined(separator: " AND "))
    }

    func orderBy() -> SQLFragment {
        var terms: [String] = []
        for entry in query.orderBy {
            let column: String
            switch entry.target {
            case .metric(let metric): column = "m_" + metric.rawValue
            case .dimension(let dimension):
                guard let index = query.dimensions.firstIndex(of: dimension) else { continue }
                column = "d\(index)"
            }
            terms.append(dialect.orderTerm(column, ascending: entry.ascending))
        }
        // Ties broken by the dimensions, so pages never overlap.
        for index in dimensionIndices where !terms.contains(where: { $0.hasPrefix("d\(index) ") }) {
            terms.append(dialect.orderTerm("d\(index)", ascending: true))
        }
        return SQLFragment(stringLiteral: terms.isEmpty ? "1" : terms.joined(separator: ", "))
    }
}
