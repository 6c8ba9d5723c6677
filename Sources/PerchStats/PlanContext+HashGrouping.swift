/// Breakdowns grouped in a hash table, for dialects that offer one (`hashGroupedRows`).
///
/// The metrics' aggregates are collected while the metric expressions are written: each becomes
/// a column of the grouped rows, and the expressions read those columns, so the arithmetic,
/// rounding and empty-group rules are the same as in the plain GROUP BY form.
extension PlanContext {
    /// `sideCTE`'s rows (`d…`, `n_rows`, `m_…`) from a hash GROUP BY, or nil when the dialect has
    /// none or there is nothing to group by.
    func hashGroupedSideCTE(_ side: TableSide, metrics: [Metric]) -> SQLFragment? {
        guard !dimensionIndices.isEmpty else { return nil }
        let keys = dimensionIndices.map { dimensionExpression(query.dimensions[$0], side: side, alias: "e") }
        let aggregates = groupedColumns(side, metrics: metrics).aggregates
        guard let rows = dialect.hashGroupedRows(keys: keys, aggregates: aggregates, source: base(side)) else {
            return nil
        }
        return groupedSideCTE(side, metrics: metrics, rows: rows)
    }

    /// `sideCTE`'s rows read from grouped `rows` (keys first, then `groupedColumns`' aggregates).
    func groupedSideCTE(_ side: TableSide, metrics: [Metric], rows: SQLFragment) -> SQLFragment {
        dialect.materialized(
            "h",
            as: "SELECT " + SQLFragment.joined(groupedColumns(side, metrics: metrics).columns, separator: ", ")
                + " FROM " + rows)
            + " SELECT * FROM h"
    }

    /// The columns of a grouped side (`d…`, `n_rows`, `m_…`) over the grouped rows' columns, and
    /// the aggregates those rows must hold after the keys, in column order.
    func groupedColumns(_ side: TableSide, metrics: [Metric]) -> (columns: [SQLFragment], aggregates: [Aggregate]) {
        let collector = AggregateCollector(firstColumn: dimensionIndices.count)
        var columns: [SQLFragment] = dimensionIndices.map {
            "\(dialect.hashGroupedColumn($0)) AS d\(raw: String($0))"
        }
        columns.append("\(dialect.hashGroupedColumn(collector.column(of: .count))) AS n_rows")
        for metric in metrics {
            let expression = sideMetric(metric, side: side) { dialect.hashGroupedColumn(collector.column(of: $0)) }
            columns.append("\(expression) AS m_\(raw: metric.rawValue)")
        }
        return (columns, collector.aggregates)
    }
}

/// The distinct aggregates a plan needs, in first-use order, each with its column position.
private final class AggregateCollector {
    private(set) var aggregates: [Aggregate] = []
    private let firstColumn: Int

    init(firstColumn: Int) {
        self.firstColumn = firstColumn
    }

    func column(of aggregate: Aggregate) -> Int {
        if let index = aggregates.firstIndex(of: aggregate) { return firstColumn + index }
        aggregates.append(aggregate)
        return firstColumn + aggregates.count - 1
    }
}
