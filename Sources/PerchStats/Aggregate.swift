/// The aggregates metrics are built from (spec §14.4): every metric is arithmetic over these,
/// so a store can compute them its own way (see `SQLDialect.hashGroupedRows`).
package enum Aggregate: Sendable, Hashable {
    /// `count(*)`.
    case count
    /// `sum(value)`: NULLs skipped, NULL when there are none.
    case sum(SQLFragment)
    /// `avg(value)`: NULLs skipped, NULL when there are none.
    case average(SQLFragment)
    /// The number of distinct non-NULL values (integers).
    case distinct(SQLFragment)

    /// The aggregate as plain SQL.
    func sql(_ dialect: some SQLDialect) -> SQLFragment {
        switch self {
        case .count: "count(*)"
        case .sum(let value): "sum(\(value))"
        case .average(let value): dialect.average(value)
        case .distinct(let value): dialect.countDistinct(value)
        }
    }
}

extension Aggregate {
    /// What the aggregate's operand means, nil for `count` and for operands only SQL computes.
    package var measure: Measure? {
        switch self {
        case .count: nil
        case .sum(let value), .average(let value), .distinct(let value): Measure(operand: value)
        }
    }
}
