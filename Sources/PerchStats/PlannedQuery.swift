/// The statements that answer one validated query, and how to read their rows.
package struct PlannedQuery: Sendable, Hashable {
    /// The result rows: one column per dimension, then one per metric, in request order.
    package var main: PlannedStatement
    /// A single-row, single-column count of the rows before pagination (`include.total_rows`).
    package var totalRows: PlannedStatement?
    package var dimensions: [Dimension]
    package var metrics: [Metric]

    package var sql: String { main.sql }
    package var parameters: [SQLValue] { main.parameters }
}
