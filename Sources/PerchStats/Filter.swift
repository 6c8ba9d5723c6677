/// A query filter (spec §14.2): a leaf comparing a dimension with clauses, or a logical or
/// behavioural combination of filters.
package indirect enum Filter: Sendable, Hashable {
    case leaf(FilterLeaf)
    case and([Filter])
    case or([Filter])
    case not(Filter)
    case hasDone(Filter)
    case hasNotDone(Filter)

    /// Every leaf, with how deep it sits (0 = top level).
    package func leaves(depth: Int = 0) -> [(FilterLeaf, Int)] {
        switch self {
        case .leaf(let leaf): [(leaf, depth)]
        case .and(let filters), .or(let filters): filters.flatMap { $0.leaves(depth: depth + 1) }
        case .not(let filter), .hasDone(let filter), .hasNotDone(let filter): filter.leaves(depth: depth + 1)
        }
    }

    /// The filter as the API spells it, for the `query` echo.
    package var json: JSONValue {
        switch self {
        case .leaf(let leaf): leaf.json
        case .and(let filters): .array([.string("and"), .array(filters.map(\.json))])
        case .or(let filters): .array([.string("or"), .array(filters.map(\.json))])
        case .not(let filter): .array([.string("not"), filter.json])
        case .hasDone(let filter): .array([.string("has_done"), filter.json])
        case .hasNotDone(let filter): .array([.string("has_not_done"), filter.json])
        }
    }
}

/// One comparison: `[operator, dimension, clauses, modifiers?]`.
package struct FilterLeaf: Sendable, Hashable {
    package var op: FilterOperator
    package var dimension: Dimension
    /// Strings, or integers for `visit:city`.
    package var clauses: [FilterClause]
    package var caseSensitive: Bool

    package init(op: FilterOperator, dimension: Dimension, clauses: [FilterClause], caseSensitive: Bool = true) {
        self.op = op
        self.dimension = dimension
        self.clauses = clauses
        self.caseSensitive = caseSensitive
    }

    package var json: JSONValue {
        var items: [JSONValue] = [
            .string(op.rawValue), .string(dimension.name),
            .array(
                clauses.map { clause in
                    switch clause {
                    case .string(let text): .string(text)
                    case .integer(let value): .int(value)
                    }
                }),
        ]
        if !caseSensitive { items.append(.object([("case_sensitive", .bool(false))])) }
        return .array(items)
    }
}

/// One value a filter compares with: text, or a geoname id for `visit:city`.
package enum FilterClause: Sendable, Hashable {
    case string(String)
    case integer(Int64)

    package var text: String {
        switch self {
        case .string(let text): text
        case .integer(let value): String(value)
        }
    }
}

/// The comparison of a filter leaf; the `_not` forms negate the positive one.
package enum FilterOperator: String, Sendable, Hashable, CaseIterable {
    case `is`, isNot = "is_not", contains, containsNot = "contains_not"
    case matches, matchesNot = "matches_not"
    case matchesWildcard = "matches_wildcard", matchesWildcardNot = "matches_wildcard_not"

    package var isNegated: Bool {
        switch self {
        case .isNot, .containsNot, .matchesNot, .matchesWildcardNot: true
        default: false
        }
    }

    /// The positive form (`is_not` → `is`).
    package var positive: FilterOperator {
        switch self {
        case .isNot: .is
        case .containsNot: .contains
        case .matchesNot: .matches
        case .matchesWildcardNot: .matchesWildcard
        default: self
        }
    }
}
