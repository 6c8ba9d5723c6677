/// An `is`/`is_not` clause `""` on a visit dimension whose empty value has a label (`(not set)`,
/// `Direct / None`, `Direct`) means that empty value, as in Plausible, where filters compare the
/// stored column (its dashboard hides empty UTM rows with `["is_not", "visit:utm_medium", [""]]`).
/// Perch compares filters with the labelled value, so such a clause becomes the label.
package enum EmptyValueFilter {
    package static func rewrite(_ filter: Filter) -> Filter {
        switch filter {
        case .leaf(let leaf): .leaf(rewrite(leaf))
        case .and(let filters): .and(filters.map(rewrite))
        case .or(let filters): .or(filters.map(rewrite))
        case .not(let inner): .not(rewrite(inner))
        case .hasDone(let inner): .hasDone(rewrite(inner))
        case .hasNotDone(let inner): .hasNotDone(rewrite(inner))
        }
    }

    private static func rewrite(_ leaf: FilterLeaf) -> FilterLeaf {
        guard leaf.op.positive == .is, case .visit(let attribute) = leaf.dimension, let label = attribute.emptyLabel,
            leaf.clauses.contains(.string(""))
        else { return leaf }
        var rewritten = leaf
        rewritten.clauses = leaf.clauses.map { $0 == .string("") ? .string(label) : $0 }
        return rewritten
    }
}
