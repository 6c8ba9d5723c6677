/// The semantic rules of Plausible's query parser, with its messages (spec §14.2, §14.5).
enum QueryValidator {
    static func validate(_ query: StatsQuery, goals: [Goal]) throws(QueryError) {
        try validateOrderBy(query)
        try validateFilterPlacement(query)
        try validateGoalsExist(query, goals: goals)
        for metric in query.metrics { try validate(metric, in: query) }
        try validateConflicts(query)
        if query.include.timeLabels, !query.dimensions.contains(where: \.isTime) {
            throw QueryError("Invalid include.time_labels: requires a time dimension.")
        }
    }

    private static func validateOrderBy(_ query: StatsQuery) throws(QueryError) {
        for entry in query.orderBy ?? [] {
            let queried: Bool
            let subject: String
            switch entry.target {
            case .metric(let metric):
                queried = query.metrics.contains(metric)
                subject = ":" + metric.rawValue
            case .dimension(let dimension):
                queried = query.dimensions.contains(dimension)
                subject = JSONValue.string(dimension.name).inspected
            }
            if !queried {
                let direction = entry.ascending ? ":asc" : ":desc"
                throw QueryError(
                    "Invalid order_by entry '{\(subject), \(direction)}'. Entry is not a queried metric or dimension.")
            }
        }
    }

    private static func validateFilterPlacement(_ query: StatsQuery) throws(QueryError) {
        let deep = query.filters.flatMap { $0.leaves() }.filter { $0.1 >= 1 }.map(\.0.dimension)
        let deepNames = deep.map(\.name)
        if deepNames.contains("event:goal") || deepNames.contains("event:hostname") {
            throw QueryError(
                "Invalid filters. Dimension `\(deepNames[0])` can only be filtered at the top level.")
        }
        let special = query.metrics.contains(.conversionRate) || query.metrics.contains(.groupConversionRate)
        if special, deep.contains(where: { if case .prop = $0 { true } else { false } }) {
            throw QueryError(
                "Invalid filters. When `conversion_rate` or `group_conversion_rate` metrics are used, "
                    + "custom property filters can only be used on top level.")
        }
        for filter in query.filters { try validateBehavioural(filter, inside: false) }
    }

    private static func validateBehavioural(_ filter: Filter, inside: Bool) throws(QueryError) {
        switch filter {
        case .leaf: return
        case .and(let filters), .or(let filters):
            for child in filters { try validateBehavioural(child, inside: inside) }
        case .not(let child): try validateBehavioural(child, inside: inside)
        case .hasDone(let child), .hasNotDone(let child):
            if inside || containsBehavioural(child) {
                throw QueryError("Invalid filters. Behavioral filters (has_done, has_not_done) cannot be nested.")
            }
            if child.leaves().contains(where: { !$0.0.dimension.isEventDimension }) {
                throw QueryError(
                    "Invalid filters. Behavioral filters (has_done, has_not_done) can only be used with event "
                        + "dimension filters.")
            }
        }
    }

    private static func containsBehavioural(_ filter: Filter) -> Bool {
        switch filter {
        case .leaf: false
        case .and(let filters), .or(let filters): filters.contains(where: containsBehavioural)
        case .not(let child): containsBehavioural(child)
        case .hasDone, .hasNotDone: true
        }
    }

    private static func validateGoalsExist(_ query: StatsQuery, goals: [Goal]) throws(QueryError) {
        let names = Set(goals.map(\.displayName))
        for case .leaf(let leaf) in query.filters where leaf.op == .is && leaf.dimension == .event(.goal) {
            for clause in leaf.clauses where !names.contains(clause.text) {
                throw QueryError(
                    "The goal `\(clause.text)` is not configured for this site. Find out how to configure goals "
                        + "here: https://plausible.io/docs/stats-api#filtering-by-goals")
            }
        }
    }

    private static func topLevelFilter(_ query: StatsQuery, on dimension: Dimension) -> Bool {
        query.filters.contains { if case .leaf(let leaf) = $0 { leaf.dimension == dimension } else { false } }
    }

    private static func filters(_ query: StatsQuery, on dimension: Dimension) -> Bool {
        query.filters.flatMap { $0.leaves() }.contains { $0.0.dimension == dimension }
    }

    private static func validate(_ metric: Metric, in query: StatsQuery) throws(QueryError) {
        switch metric {
        case .conversionRate, .groupConversionRate:
            if !query.dimensions.contains(.event(.goal)), !filters(query, on: .event(.goal)) {
                throw QueryError(
                    "Metric `\(metric.rawValue)` can only be queried with event:goal filters or dimensions.")
            }
        case .scrollDepth, .timeOnPage:
            if !query.dimensions.contains(.event(.page)), !topLevelFilter(query, on: .event(.page)) {
                throw QueryError(
                    "Metric `\(metric.rawValue)` can only be queried with event:page filters or dimensions.")
            }
        case .viewsPerVisit:
            if filters(query, on: .event(.page)) {
                throw QueryError("Metric `views_per_visit` cannot be queried with a filter on `event:page`.")
            }
            if !query.dimensions.isEmpty {
                throw QueryError("Metric `views_per_visit` cannot be queried with `dimensions`.")
            }
        default:
            return
        }
    }

    private static func validateConflicts(_ query: StatsQuery) throws(QueryError) {
        let eventDimensions = query.dimensions.filter(\.isEventDimension).map(\.name)
        let sessionDimensions = query.dimensions.filter(\.isSessionOnly).map(\.name)
        let sessionMetrics = query.metrics.filter { $0.source == .sessions }.map(\.rawValue)
        let eventMetrics = query.metrics.filter { $0.source == .events }.map(\.rawValue)
        // event:page alone is joined to sessions through the entry page (Plausible's query optimizer).
        if eventDimensions == ["event:page"] { return }
        if !sessionMetrics.isEmpty, !eventDimensions.isEmpty {
            throw QueryError(
                "Session metric(s) `\(sessionMetrics.joined(separator: ", "))` cannot be queried along with event "
                    + "dimension(s) `\(eventDimensions.joined(separator: ", "))`")
        }
        if !eventMetrics.isEmpty, !sessionDimensions.isEmpty {
            throw QueryError(
                "Event metric(s) `\(eventMetrics.joined(separator: ", "))` cannot be queried along with session "
                    + "dimension(s) `\(sessionDimensions.joined(separator: ", "))`")
        }
        // Perch's planner groups these on the sessions alone, where goals are not matched (Plausible
        // answers them by joining events to sessions): refused with a reason rather than failing.
        if query.dimensions.contains(.event(.goal)), !sessionDimensions.isEmpty {
            throw QueryError(
                "Dimension `event:goal` cannot be queried along with session dimension(s) "
                    + "`\(sessionDimensions.joined(separator: ", "))` (not supported by Perch)")
        }
    }
}
