import PerchCore
import PerchStats

/// Dimension values and filters over raw rows (spec §14.2, §14.3 empty-value labels).
extension StatsOracle {
    package func eventValue(_ dimension: Dimension, _ event: EventRecord) -> String {
        switch dimension {
        case .event(.page): event.pathname
        case .event(.name): event.name
        case .prop(let key): event.props.first { $0.key == key }?.value ?? "(none)"
        case .visit(.entryPage): sessionsByID[event.sessionID]?.entryPage ?? ""
        case .visit(let attribute): Self.visitValue(attribute, event.visit)
        default: ""
        }
    }

    package func sessionValue(_ dimension: Dimension, _ session: SessionRecord) -> String {
        switch dimension {
        case .event(.page), .visit(.entryPage): session.entryPage
        case .prop(let key): session.entryProps.first { $0.key == key }?.value ?? "(none)"
        case .visit(let attribute): Self.visitValue(attribute, session.visit)
        default: ""
        }
    }

    package static func visitValue(_ attribute: Dimension.VisitAttribute, _ visit: VisitAttributes) -> String {
        switch attribute {
        case .source: visit.referrerSource.isEmpty ? "Direct / None" : visit.referrerSource
        case .browser: visit.browser.isEmpty ? "(not set)" : visit.browser
        case .country: visit.countryCode
        default: ""
        }
    }

    /// Whether the event completes the goal: its name, or a pageview on a matching path.
    package func completes(_ event: EventRecord, _ goal: Goal) -> Bool {
        switch goal.kind {
        case .event(let name): event.name == name
        case .page(let pattern): event.name == "pageview" && Self.glob(pattern, event.pathname)
        }
    }

    package func eventMatches(_ filter: Filter, _ event: EventRecord) -> Bool {
        switch filter {
        case .leaf(let leaf) where leaf.dimension == .event(.goal):
            // The clauses pick goals by name; the event must complete one of them.
            let picked = site.goals.filter { goal in
                leaf.clauses.contains {
                    Self.textMatches(leaf.op.positive, goal.displayName, $0.text, leaf.caseSensitive)
                }
            }
            return picked.contains { completes(event, $0) } != leaf.op.isNegated
        case .leaf(let leaf): return Self.leafMatches(leaf, eventValue(leaf.dimension, event))
        case .and(let filters): return filters.allSatisfy { eventMatches($0, event) }
        case .or(let filters): return filters.contains { eventMatches($0, event) }
        case .not(let inner): return !eventMatches(inner, event)
        case .hasDone(let inner): return didDo(inner, user: event.userID)
        case .hasNotDone(let inner): return !didDo(inner, user: event.userID)
        }
    }

    /// Behavioural filters: the visitor has a (non-engagement) event in the range matching `filter`.
    package func didDo(_ filter: Filter, user: UInt64) -> Bool {
        inRange.contains { $0.userID == user && eventMatches(filter, $0) }
    }

    /// A top-level filter on a session row: visit dimensions apply to the row itself; a filter
    /// naming any event dimension, `event:page` included, keeps the sessions having a matching
    /// event in the range (§14.5; Plausible joins sessions to the events its filters keep).
    package func sessionMatches(_ filter: Filter, _ session: SessionRecord) -> Bool {
        let direct = filter.leaves().allSatisfy { !$0.0.dimension.isEventDimension }
        guard direct else {
            return inRange.contains { $0.sessionID == session.sessionID && eventMatches(filter, $0) }
        }
        return directlyMatches(filter, session)
    }

    /// Plausible's `bounce_rate` alone carries its page filter to the entry page: of the sessions
    /// kept, it counts those whose entry page passes the query's first top-level `event:page`
    /// filter (`Query.get_filter` then `build_condition(:entry_page, …)`); every session without one.
    package func enteredOnFilteredPage(_ session: SessionRecord) -> Bool {
        for case .leaf(let leaf) in query.filters where leaf.dimension == .event(.page) {
            return Self.leafMatches(leaf, session.entryPage)
        }
        return true
    }

    private func directlyMatches(_ filter: Filter, _ session: SessionRecord) -> Bool {
        switch filter {
        case .leaf(let leaf): Self.leafMatches(leaf, sessionValue(leaf.dimension, session))
        case .and(let filters): filters.allSatisfy { directlyMatches($0, session) }
        case .or(let filters): filters.contains { directlyMatches($0, session) }
        case .not(let inner): !directlyMatches(inner, session)
        case .hasDone(let inner): didDo(inner, user: session.userID)
        case .hasNotDone(let inner): !didDo(inner, user: session.userID)
        }
    }

    package static func leafMatches(_ leaf: FilterLeaf, _ value: String) -> Bool {
        let hit = leaf.clauses.contains { clause in
            // Plausible compares the stored column, so `is ""` picks the rows stored empty,
            // which read as the dimension's empty label here.
            if leaf.op.positive == .is, clause.text.isEmpty, case .visit(let attribute) = leaf.dimension,
                value == visitValue(attribute, VisitAttributes()), !value.isEmpty
            {
                return true
            }
            return textMatches(leaf.op.positive, value, clause.text, leaf.caseSensitive)
        }
        return hit != leaf.op.isNegated
    }

    package static func textMatches(_ op: FilterOperator, _ value: String, _ clause: String, _ caseSensitive: Bool)
        -> Bool
    {
        let value = caseSensitive ? value : value.lowercased()
        let clause = caseSensitive ? clause : clause.lowercased()
        switch op {
        // Plausible's `contains` is an SQL LIKE '%…%', which an empty needle always matches
        // (Swift's `contains("")` says false).
        case .contains: return clause.isEmpty || value.contains(clause)
        case .matchesWildcard: return glob(clause, value)
        default: return value == clause
        }
    }

    /// Wildcards: `**` spans anything, `*` anything but `/`, `|` separates alternatives, whole value.
    package static func glob(_ pattern: String, _ value: String) -> Bool {
        pattern.split(separator: "|", omittingEmptySubsequences: false).contains { alternative in
            globMatch(Array(alternative.unicodeScalars), 0, Array(value.unicodeScalars), 0)
        }
    }

    private static func globMatch(_ pattern: [Unicode.Scalar], _ p: Int, _ value: [Unicode.Scalar], _ v: Int) -> Bool {
        if p == pattern.count { return v == value.count }
        guard pattern[p] == "*" else {
            return v < value.count && value[v] == pattern[p] && globMatch(pattern, p + 1, value, v + 1)
        }
        let double = p + 1 < pattern.count && pattern[p + 1] == "*"
        let rest = p + (double ? 2 : 1)
        var end = v
        while true {
            if globMatch(pattern, rest, value, end) { return true }
            if end == value.count || (!double && value[end] == "/") { return false }
            end += 1
        }
    }
}
