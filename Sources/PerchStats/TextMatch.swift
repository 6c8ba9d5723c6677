/// Filter comparisons evaluated in Swift, for values known before the query runs (goal names).
enum TextMatch {
    static func matches(_ op: FilterOperator, value: String, clause: String, caseSensitive: Bool) -> Bool {
        let value = caseSensitive ? value : value.lowercased()
        let clause = caseSensitive ? clause : clause.lowercased()
        switch op.positive {
        case .contains: return value.contains(clause)
        case .matchesWildcard, .matches:
            // Goal names rarely carry patterns; a wildcard is honoured, a regex compared literally.
            return op.positive == .matchesWildcard ? WildcardPattern(clause).matches(value) : value == clause
        default: return value == clause
        }
    }
}
