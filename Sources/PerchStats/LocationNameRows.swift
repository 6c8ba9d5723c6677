import PerchCore

/// Names the code columns of `visit:*_name` dimensions in result rows (a code without a name
/// reads `""`, as in Plausible) and, when `order_by` names such a dimension, orders and pages the
/// rows in Swift: SQL can only order by the codes. Rows stay grouped by code (see README: two
/// codes that share a name stay two rows).
struct LocationNameRows {
    let query: ValidatedQuery
    let names: LocationNames

    /// Whether the rows must be ordered (and so paged) here rather than in SQL.
    static func ordersByName(_ query: ValidatedQuery) -> Bool {
        query.orderBy.contains { entry in
            if case .dimension(let dimension) = entry.target { LocationNameKind(dimension) != nil } else { false }
        }
    }

    /// `rows` with names in place of codes; ordered and paged when `ordersByName`, in which case
    /// `rows` must be every row, unpaged.
    func apply(_ rows: [[SQLValue]]) -> [[SQLValue]] {
        let kinds = query.dimensions.map(LocationNameKind.init)
        guard kinds.contains(where: { $0 != nil }) else { return rows }
        let named = rows.map { row in
            var row = row
            for (index, kind) in kinds.enumerated() where index < row.count {
                guard let kind else { continue }
                row[index] = .text(kind.name(of: row[index], in: names) ?? "")
            }
            return row
        }
        guard Self.ordersByName(query) else { return named }
        let ordered = order(named)
        let page = query.query.pagination
        return Array(ordered.dropFirst(page.offset).prefix(page.limit))
    }

    /// The SQL's order rules over the named values: `order_by` entries, then every dimension
    /// ascending; the SQL order (by codes) breaks what ties remain.
    private func order(_ rows: [[SQLValue]]) -> [[SQLValue]] {
        let dimensionCount = query.dimensions.count
        var keys: [(column: Int, ascending: Bool)] = query.orderBy.compactMap { entry in
            switch entry.target {
            case .metric(let metric):
                query.query.metrics.firstIndex(of: metric).map { (dimensionCount + $0, entry.ascending) }
            case .dimension(let dimension):
                query.dimensions.firstIndex(of: dimension).map { ($0, entry.ascending) }
            }
        }
        for index in 0..<dimensionCount where !keys.contains(where: { $0.column == index }) {
            keys.append((index, true))
        }
        return rows.enumerated().sorted { lhs, rhs in
            for key in keys {
                let left = key.column < lhs.element.count ? lhs.element[key.column] : .null
                let right = key.column < rhs.element.count ? rhs.element[key.column] : .null
                if Self.precedes(left, right) { return key.ascending }
                if Self.precedes(right, left) { return !key.ascending }
            }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }

    /// SQLite's order of values: NULL, then numbers by value, then text by its UTF-8 bytes.
    static func precedes(_ lhs: SQLValue, _ rhs: SQLValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return false
        case (.null, _): return true
        case (_, .null): return false
        case (.text(let left), .text(let right)): return left.utf8.lexicographicallyPrecedes(right.utf8)
        case (.text, _): return false
        case (_, .text): return true
        default: return (lhs.double ?? 0) < (rhs.double ?? 0)
        }
    }
}
