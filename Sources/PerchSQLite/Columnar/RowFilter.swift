import PerchStats

/// A `PrecomputeRequest`'s filters compiled against one side's columns: each leaf becomes a
/// table saying, per code of the column it reads, whether the leaf holds for a row with that
/// code (`LeafMatcher` on the code's label, as the dimension's results show it, so the leaves
/// compare the same values SQL does; columns are NOT NULL and properties read `(none)` when
/// absent, so negation is plain). A goal leaf reads two columns: the event's name, and its page
/// for page goals.
indirect enum RowFilter {
    case leaf(codes: [UInt32], holds: CodeTable)
    case goal(GoalMatcher, negated: Bool)
    case all([RowFilter])
    case any([RowFilter])
    case not(RowFilter)
    /// A session row kept when its number (`sessionNumbers[row]`) is selected.
    case sessions(selected: [Bool], sessionNumbers: [UInt32])

    /// What leaves are compiled against: the side's dimensions, and for an events side the
    /// goals a goal leaf names.
    struct Columns {
        var dictionarySize: Int
        var regexp: SQLiteRegexp
        var column: (Dimension) -> LabelColumn?
        /// nil on the sessions side.
        var goals: ((FilterLeaf) -> GoalMatcher)?
    }

    /// Nil when a leaf names a column the side does not hold or compares in a way not handled
    /// here.
    static func compile(_ filters: [Filter], _ columns: Columns) -> RowFilter? {
        compileEach(filters, columns).map(RowFilter.all)
    }

    private static func compileEach(_ filters: [Filter], _ columns: Columns) -> [RowFilter]? {
        var compiled: [RowFilter] = []
        for filter in filters {
            guard let one = compile(filter, columns) else { return nil }
            compiled.append(one)
        }
        return compiled
    }

    private static func compile(_ filter: Filter, _ columns: Columns) -> RowFilter? {
        switch filter {
        case .leaf(let leaf):
            if leaf.dimension == .event(.goal) {
                return columns.goals.map { .goal($0(leaf), negated: leaf.op.isNegated) }
            }
            // A city is an integer: compared for equality with integer clauses only (SQL compares
            // a text clause with it by number).
            guard let column = columns.column(leaf.dimension),
                let predicate =
                    column.isInteger
                    ? LeafMatcher.integerPredicate(leaf) : LeafMatcher.predicate(leaf, regexp: columns.regexp)
            else { return nil }
            let label = column.label
            return .leaf(
                codes: column.codes, holds: CodeTable(count: columns.dictionarySize) { predicate(label($0)) })
        case .and(let filters): return compile(filters, columns)
        case .or(let filters): return compileEach(filters, columns).map(RowFilter.any)
        case .not(let inner): return compile(inner, columns).map(RowFilter.not)
        case .hasDone, .hasNotDone: return nil
        }
    }

    /// Whether the filter keeps `row`.
    func keeps(_ row: Int) -> Bool {
        switch self {
        case .leaf(let codes, let holds): holds.holds(codes[row])
        case .goal(let goals, let negated): goals.completesAny(row) != negated
        case .all(let filters): filters.allSatisfy { $0.keeps(row) }
        case .any(let filters): filters.contains { $0.keeps(row) }
        case .not(let inner): !inner.keeps(row)
        case .sessions(let selected, let numbers): selected[Int(numbers[row])]
        }
    }

    /// True when it keeps every row (no filter at all), so callers can skip it.
    var keepsAll: Bool {
        if case .all(let filters) = self { return filters.isEmpty }
        return false
    }
}
