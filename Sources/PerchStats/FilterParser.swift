/// Reads the `filters` list (spec §14.2). A malformed filter is refused as a whole, with the
/// JSON pointer of its top-level entry, as Plausible's schema does.
package enum FilterParser {
    /// The longest regular expression or wildcard pattern a filter may hold: patterns run on every
    /// row of the range, so one API key must not be able to send arbitrarily costly ones.
    package static let maxPatternBytes = 1_000

    static func parseList(_ value: JSONValue) throws(QueryError) -> [Filter] {
        let items = try QueryParser.array(value, at: "#/filters")
        var filters: [Filter] = []
        for (index, item) in items.enumerated() {
            guard let filter = try parse(item) else {
                throw QueryError("#/filters/\(index): Invalid filter \(item.inspected)")
            }
            filters.append(filter)
        }
        return filters
    }

    /// Nil for a shape the schema refuses; throws for Plausible's more specific messages.
    private static func parse(_ value: JSONValue) throws(QueryError) -> Filter? {
        guard case .array(let items) = value, items.count >= 2, case .string(let op) = items[0] else { return nil }
        switch op {
        case "and", "or":
            guard items.count == 2, case .array(let children) = items[1], !children.isEmpty else { return nil }
            var filters: [Filter] = []
            for child in children {
                guard let filter = try parse(child) else { return nil }
                filters.append(filter)
            }
            return op == "and" ? .and(filters) : .or(filters)
        case "not", "has_done", "has_not_done":
            guard items.count == 2, let inner = try parse(items[1]) else { return nil }
            switch op {
            case "not": return .not(inner)
            case "has_done": return .hasDone(inner)
            default: return .hasNotDone(inner)
            }
        default:
            guard let filterOperator = FilterOperator(rawValue: op) else { return nil }
            return try leaf(filterOperator, items).map(Filter.leaf)
        }
    }

    private static func leaf(_ op: FilterOperator, _ items: [JSONValue]) throws(QueryError) -> FilterLeaf? {
        guard items.count == 3 || items.count == 4, case .string(let name) = items[1],
            let dimension = Dimension(name), !dimension.isTime,
            case .array(let rawClauses) = items[2], !rawClauses.isEmpty
        else { return nil }
        var caseSensitive = true
        if items.count == 4 {
            guard case .object(let modifiers) = items[3] else { return nil }
            for (key, flag) in modifiers {
                guard key == "case_sensitive", case .bool(let sensitive) = flag else { return nil }
                caseSensitive = sensitive
            }
            if !caseSensitive, [.matches, .matchesNot].contains(op) { return nil }
        }
        var clauses: [FilterClause] = []
        for raw in rawClauses {
            switch (raw, dimension) {
            case (.int(let value), .visit(.city)): clauses.append(.integer(value))
            case (.string, .visit(.city)): return nil
            // No stored value holds a NUL, and SQLite's text functions stop at one (a `contains`
            // needle would shrink to "" and match every row).
            case (.string(let text), _) where text.utf8.contains(0): return nil
            case (.string(let text), _): clauses.append(.string(text))
            default: return nil
            }
        }
        if [.matches, .matchesNot, .matchesWildcard, .matchesWildcardNot].contains(op),
            clauses.contains(where: { $0.text.utf8.count > maxPatternBytes })
        {
            throw QueryError(
                "Invalid filter \(op.rawValue): a pattern may have at most \(maxPatternBytes) bytes.")
        }
        if dimension == .visit(.country), op == .is || op == .isNot,
            clauses.contains(where: { $0.text.count != 2 })
        {
            throw QueryError(
                "Invalid visit:country filter, visit:country needs to be a valid 2-letter country code.")
        }
        return FilterLeaf(op: op, dimension: dimension, clauses: clauses, caseSensitive: caseSensitive)
    }
}
