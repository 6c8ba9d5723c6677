import PerchStats

/// A `PrecomputeRequest`'s filters compiled against one side's text columns: each leaf becomes
/// a table saying, per text code, whether the leaf holds for a row with that code.
///
/// The leaves compare the same values SQL does: the column's text, or for an empty one the
/// dimension's empty-value label (`is` is SQL's `IN`, `is_not` its negation; columns are NOT
/// NULL, so negation is plain).
indirect enum RowFilter {
    case leaf(codes: [UInt32], holds: [Bool])
    case all([RowFilter])
    case any([RowFilter])
    case not(RowFilter)

    /// Nil when a leaf names a column the side does not hold or an operator not handled here.
    static func compile(
        _ filters: [Filter], dictionary: TextDictionary, column: (Dimension) -> (codes: [UInt32], emptyLabel: String?)?
    ) -> RowFilter? {
        compileEach(filters, dictionary: dictionary, column: column).map(RowFilter.all)
    }

    private static func compileEach(
        _ filters: [Filter], dictionary: TextDictionary, column: (Dimension) -> (codes: [UInt32], emptyLabel: String?)?
    ) -> [RowFilter]? {
        var compiled: [RowFilter] = []
        for filter in filters {
            guard let one = compile(filter, dictionary: dictionary, column: column) else { return nil }
            compiled.append(one)
        }
        return compiled
    }

    private static func compile(
        _ filter: Filter, dictionary: TextDictionary, column: (Dimension) -> (codes: [UInt32], emptyLabel: String?)?
    ) -> RowFilter? {
        switch filter {
        case .leaf(let leaf):
            guard leaf.op == .is || leaf.op == .isNot, leaf.caseSensitive,
                let (codes, emptyLabel) = column(leaf.dimension)
            else { return nil }
            var values: Set<String> = []
            for clause in leaf.clauses {
                guard case .string(let text) = clause else { return nil }
                values.insert(text)
            }
            let holds = (0..<UInt32(dictionary.count)).map { code in
                values.contains(dictionary.label(of: code, emptyLabel: emptyLabel)) != (leaf.op == .isNot)
            }
            return .leaf(codes: codes, holds: holds)
        case .and(let filters): return compile(filters, dictionary: dictionary, column: column)
        case .or(let filters): return compileEach(filters, dictionary: dictionary, column: column).map(RowFilter.any)
        case .not(let inner): return compile(inner, dictionary: dictionary, column: column).map(RowFilter.not)
        case .hasDone, .hasNotDone: return nil
        }
    }

    /// Whether the filter keeps `row`.
    func keeps(_ row: Int) -> Bool {
        switch self {
        case .leaf(let codes, let holds): holds[Int(codes[row])]
        case .all(let filters): filters.allSatisfy { $0.keeps(row) }
        case .any(let filters): filters.contains { $0.keeps(row) }
        case .not(let inner): !inner.keeps(row)
        }
    }

    /// True when it keeps every row (no filter at all), so callers can skip it.
    var keepsAll: Bool {
        if case .all(let filters) = self { return filters.isEmpty }
        return false
    }
}
