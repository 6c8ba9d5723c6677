extension PlanContext {
    /// A dimension's value, with empty values replaced by Plausible's labels (spec §14.3).
    func dimensionExpression(_ dimension: Dimension, side: TableSide, alias: String) -> SQLFragment {
        let table = side == .events ? alias : "s"
        switch dimension {
        case .event(.name): return "\(raw: table).name"
        case .event(.page): return side == .events ? "\(raw: table).pathname" : "s.entry_page"
        case .event(.hostname): return "\(raw: table).hostname"
        case .event(.goal): return goalRows?.name ?? "g.name"
        case .prop(let key):
            let column = side == .events ? alias + ".props" : "s.entry_props"
            return "coalesce(\(dialect.propValue(column, key: key)), \(bind: "(none)"))"
        case .visit(let attribute):
            var column: SQLFragment = "\(raw: table).\(raw: attribute.column)"
            if side == .events, attribute.isSessionOnly, !dialect.supportsCorrelatedSubqueries {
                column = "s2_\(raw: attribute.column)"
            } else if side == .events, attribute.isSessionOnly {
                column =
                    "(SELECT s2.\(raw: attribute.column) FROM sessions s2 "
                    + "WHERE s2.session_id = \(raw: alias).session_id)"
            }
            guard let label = attribute.emptyLabel else { return column }
            return "CASE WHEN \(column) = '' THEN \(bind: label) ELSE \(column) END"
        case .time(let granularity):
            let instant: SQLFragment =
                side == .events ? "\(raw: alias).timestamp" : dialect.greatest("s.start", "\(bind: query.range.from)")
            return dialect.bucketLabel(
                dialect.localSeconds(instant, schedule: schedule), granularity: granularity ?? .day,
                notBefore: query.range.firstDate)
        }
    }

    // MARK: filters

    /// A filter over event rows of `alias`.
    func eventCondition(_ filter: Filter, alias: String) -> SQLFragment {
        switch filter {
        case .leaf(let leaf):
            if leaf.dimension == .event(.goal) { return goalCondition(leaf, alias: alias) }
            if !dialect.supportsCorrelatedSubqueries, case .visit(let attribute) = leaf.dimension,
                attribute.isSessionOnly
            {
                // The session's attribute decides: select the sessions by it instead of reading it per event.
                var conditions = [
                    "s.site_id = \(bind: query.siteKey) AND s.start >= \(bind: query.range.from - Self.sessionLookback) "
                        + "AND s.start < \(bind: query.range.to)",
                    leafCondition(dimensionExpression(leaf.dimension, side: .sessions, alias: "s"), leaf),
                ]
                if Self.changesBetweenStates(leaf.dimension), let current = currentSessions("s") {
                    conditions.append(current)
                }
                return "\(raw: alias).session_id IN (SELECT s.session_id FROM sessions s WHERE "
                    + SQLFragment.joined(conditions, separator: " AND ") + ")"
            }
            return leafCondition(dimensionExpression(leaf.dimension, side: .events, alias: alias), leaf)
        case .and(let filters):
            return "(" + SQLFragment.joined(filters.map { eventCondition($0, alias: alias) }, separator: " AND ") + ")"
        case .or(let filters):
            return "(" + SQLFragment.joined(filters.map { eventCondition($0, alias: alias) }, separator: " OR ") + ")"
        case .not(let inner): return "NOT \(eventCondition(inner, alias: alias))"
        case .hasDone(let inner): return "\(raw: alias).user_id IN (\(behaviour(inner)))"
        case .hasNotDone(let inner): return "\(raw: alias).user_id NOT IN (\(behaviour(inner)))"
        }
    }

    /// Visitors who did something in the range (`has_done`).
    private func behaviour(_ inner: Filter) -> SQLFragment {
        "SELECT h.user_id FROM events h WHERE \(eventsWhere("h")) AND \(eventCondition(inner, alias: "h"))"
    }

    /// A top-level filter over sessions: visit filters apply to the session row, event filters
    /// (`event:page` included) select the sessions with a matching event in the range, as
    /// Plausible joins sessions to their events. Only `bounce_rate` reads an `event:page` filter as
    /// the entry page (`entryPageCondition`).
    func sessionCondition(_ filter: Filter) -> SQLFragment {
        let direct = filter.leaves().allSatisfy { !$0.0.dimension.isEventDimension }
        guard direct else {
            return "s.session_id IN (SELECT x.session_id FROM events x WHERE \(eventsWhere("x")) AND "
                + "\(eventCondition(filter, alias: "x")))"
        }
        switch filter {
        case .leaf(let leaf):
            return leafCondition(dimensionExpression(leaf.dimension, side: .sessions, alias: "s"), leaf)
        case .and(let filters): return "(" + SQLFragment.joined(filters.map(sessionCondition), separator: " AND ") + ")"
        case .or(let filters): return "(" + SQLFragment.joined(filters.map(sessionCondition), separator: " OR ") + ")"
        case .not(let inner): return "NOT \(sessionCondition(inner))"
        case .hasDone(let inner): return "s.user_id IN (\(behaviour(inner)))"
        case .hasNotDone(let inner): return "s.user_id NOT IN (\(behaviour(inner)))"
        }
    }

    /// Plausible's bounce rate under a page filter counts only the sessions that *entered* on the
    /// page: the query's first top-level `event:page` filter applied to the entry page, nil
    /// without one. No other session metric carries this condition (Plausible's `visit_duration`,
    /// `views_per_visit`, `visits` and `visitors` average every session with a matching event).
    var entryPageCondition: SQLFragment? {
        for case .leaf(let leaf) in query.query.filters where leaf.dimension == .event(.page) {
            return leafCondition(dimensionExpression(.visit(.entryPage), side: .sessions, alias: "s"), leaf)
        }
        return nil
    }

    private func leafCondition(_ expression: SQLFragment, _ leaf: FilterLeaf) -> SQLFragment {
        let folded = !leaf.caseSensitive
        let lhs = folded ? dialect.lowercase(expression) : expression
        let values: [SQLFragment] = leaf.clauses.map { clause in
            let bound: SQLFragment
            switch clause {
            case .integer(let value): bound = "\(bind: value)"
            case .string(let text): bound = "\(bind: text)"
            }
            return folded ? dialect.lowercase(bound) : bound
        }
        var condition: SQLFragment
        switch leaf.op.positive {
        case .contains:
            condition = "(" + SQLFragment.joined(values.map { dialect.contains(lhs, $0) }, separator: " OR ") + ")"
        case .matches:
            condition =
                "(" + SQLFragment.joined(values.map { dialect.regexMatch(expression, pattern: $0) }, separator: " OR ")
                + ")"
        case .matchesWildcard:
            let patterns: [SQLFragment] = leaf.clauses.map {
                "\(bind: (folded ? "(?i)" : "") + WildcardPattern($0.text).regex)"
            }
            condition =
                "("
                + SQLFragment.joined(patterns.map { dialect.regexMatch(expression, pattern: $0) }, separator: " OR ")
                + ")"
        default:
            // An empty list comes only from a location-name filter no place satisfies.
            condition = values.isEmpty ? "(0 = 1)" : "\(lhs) IN (" + SQLFragment.joined(values, separator: ", ") + ")"
        }
        return leaf.op.isNegated ? "NOT \(condition)" : condition
    }

    /// Whether an event row of `alias` completes `goal`.
    func goalCompletion(_ goal: Goal, alias: String) -> SQLFragment {
        switch goal.kind {
        case .event(let name): return "\(raw: alias).name = \(bind: name)"
        case .page(let path):
            let match = dialect.regexMatch("\(raw: alias).pathname", pattern: "\(bind: WildcardPattern(path).regex)")
            return "(\(raw: alias).name = 'pageview' AND \(match))"
        }
    }

    /// Events that complete one of the goals the leaf names.
    private func goalCondition(_ leaf: FilterLeaf, alias: String) -> SQLFragment {
        let selected = leaf.selectedGoals(query.goals)
        var alternatives: [SQLFragment] = []
        let names = selected.compactMap { if case .event(let name) = $0.kind { name } else { nil } }
        if !names.isEmpty {
            alternatives.append(
                "\(raw: alias).name IN (" + SQLFragment.joined(names.map { "\(bind: $0)" }, separator: ", ") + ")")
        }
        for case .page(let path) in selected.map(\.kind) {
            let pattern: SQLFragment = "\(bind: WildcardPattern(path).regex)"
            let match = dialect.regexMatch("\(raw: alias).pathname", pattern: pattern)
            alternatives.append("(\(raw: alias).name = 'pageview' AND \(match))")
        }
        let condition: SQLFragment =
            alternatives.isEmpty ? "0 = 1" : "(" + SQLFragment.joined(alternatives, separator: " OR ") + ")"
        return leaf.op.isNegated ? "NOT \(condition)" : condition
    }
}
