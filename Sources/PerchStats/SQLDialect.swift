/// What differs between the SQL of the stores the planner serves (SQLite and ClickHouse).
///
/// Time zones: neither SQLite nor the planner's callers should need a tz database at query time,
/// so the planner passes an `OffsetSchedule` (the site's UTC offsets by DST period over the
/// query's range, computed in Swift) and a dialect turns a UTC timestamp into local wall-clock
/// seconds with it; bucket labels are then formatted from those local seconds.
package protocol SQLDialect: Sendable {
    /// A quoted identifier.
    func quote(_ identifier: String) -> String
    /// The placeholder for the `index`-th (1-based) bound value.
    func placeholder(_ index: Int, for value: SQLValue) -> String
    /// Local wall-clock seconds (seconds since 1970-01-01 00:00 local) for a UTC unix-seconds expression.
    func localSeconds(_ utc: SQLFragment, schedule: OffsetSchedule) -> SQLFragment
    /// The bucket label (`YYYY-MM-DD HH:00:00` or `YYYY-MM-DD`) of local seconds; weeks start on Monday
    /// and are labelled no earlier than `notBefore`.
    func bucketLabel(_ local: SQLFragment, granularity: TimeGranularity, notBefore: CivilDate) -> SQLFragment
    /// The value of a custom property in a JSON-object column, or NULL when absent.
    func propValue(_ column: String, key: String) -> SQLFragment
    /// True when `value` matches the regular expression `pattern`.
    func regexMatch(_ value: SQLFragment, pattern: SQLFragment) -> SQLFragment
    /// True when `value` contains `needle`.
    func contains(_ value: SQLFragment, _ needle: SQLFragment) -> SQLFragment
    func lowercase(_ value: SQLFragment) -> SQLFragment
    func greatest(_ lhs: SQLFragment, _ rhs: SQLFragment) -> SQLFragment
    func round(_ value: SQLFragment, decimals: Int) -> SQLFragment
    /// The number of distinct non-NULL values.
    func countDistinct(_ value: SQLFragment) -> SQLFragment
    /// Whether a time series is faster read one key range per bucket (each bucket's aggregates in
    /// one correlated subquery, packed into a single value) than grouped by label: true for a
    /// store without hash aggregation whose rows are clustered by (site, time), where grouping
    /// sorts every row.
    var readsTimeBucketsAsRanges: Bool { get }
    /// One value holding `values` (for the per-bucket subquery), and the `index`-th of them back.
    func packed(_ values: [SQLFragment]) -> SQLFragment
    func unpacked(_ packed: SQLFragment, index: Int) -> SQLFragment
    /// A hash GROUP BY over `source` (a `FROM … WHERE …` clause): a table expression aliased `j`
    /// with one row per group holding the `keys`' values then the `aggregates`, read back with
    /// `hashGroupedColumn`; nil when the store's own GROUP BY is the faster one.
    func hashGroupedRows(keys: [SQLFragment], aggregates: [Aggregate], source: SQLFragment) -> SQLFragment?
    /// Grouped rows a store computed outside SQL (`PrecomputeRequest`'s JSON text), as a table
    /// expression of the same shape as `hashGroupedRows`; nil when the dialect cannot read them.
    func precomputedRows(_ json: String) -> SQLFragment?
    /// The `index`-th value (keys first) of a `hashGroupedRows` row.
    func hashGroupedColumn(_ index: Int) -> SQLFragment
    /// `WITH name AS (body)`, computed once even where the body is referenced several times.
    func materialized(_ name: String, as body: SQLFragment) -> SQLFragment

    /// `avg(value)`: NULLs skipped, NULL when there are none.
    func average(_ value: SQLFragment) -> SQLFragment
    /// A revenue column as integer thousandths of the currency (SQLite stores them so).
    func milliAmount(_ column: SQLFragment) -> SQLFragment
    /// True when `EXISTS (subquery)` holds.
    func exists(_ subquery: SQLFragment) -> SQLFragment

    // MARK: statement shape

    /// Whether `WITH name AS (subquery)` works; without it the planner nests the bodies in FROM.
    var supportsCommonTableExpressions: Bool { get }
    /// Whether `GROUP BY 1, 2` means the select columns; without it the planner groups by alias.
    var groupsByPosition: Bool { get }
    /// Whether a scalar subquery may read the outer row (`… WHERE s2.session_id = e.session_id`);
    /// without it a filter on a session attribute of an event selects by `session_id IN (…)`.
    var supportsCorrelatedSubqueries: Bool { get }
    /// A LEFT JOIN of `table` (an aliased subquery) on equal `columns`, for plans without CTEs; no
    /// columns for a one-row side joined to a one-row driver.
    func leftJoin(_ table: SQLFragment, using columns: [String]) -> SQLFragment
    /// The `event:goal` rows of events without a goals table: a clause after `FROM events e`
    /// giving each event one row per goal it completes (`conditions`, one per goal, with the goal's
    /// `name`), and the expression naming the goal; nil to join the `goals` CTE instead (which
    /// needs `supportsCommonTableExpressions`).
    func goalRows(_ goals: [(name: String, condition: SQLFragment)]) -> (clause: SQLFragment, name: SQLFragment)?
    /// Extra conditions on `sessions` rows aliased `alias` keeping only the sessions' current
    /// states, for a store that keeps superseded ones (ClickHouse's collapsing rows); `site` and
    /// the `start` bounds narrow the lookup. Nil when every row is current.
    func currentSessions(_ alias: String, site: Int64, startFrom: Int64, startTo: Int64) -> SQLFragment?
    /// `aggregate` over `sessions s` rows weighted by the store's sign column, for a store that
    /// keeps superseded session states as cancelling pairs of rows: exact when every condition and
    /// group reads only what a session's states share (the planner checks). Nil to read current
    /// states only (`currentSessions`) or when every row is current.
    func signWeighted(_ aggregate: Aggregate) -> SQLFragment?
    /// Whether a scalar subquery inside a subquery in FROM runs again for every SELECT enclosing
    /// it (ClickHouse 18.16 executes them while analysing each level): then `percentage` and
    /// `conversion_rate` divide by their totals in the outermost SELECT, where it runs once, and
    /// the sides return the visitors only.
    var rerunsNestedScalarSubqueries: Bool { get }
    /// An ORDER BY term: NULLs sort first ascending and last descending, as in SQLite.
    func orderTerm(_ column: String, ascending: Bool) -> String
    /// The distinct `code`s of two selects of one column named `code`.
    func distinctUnion(_ lhs: SQLFragment, _ rhs: SQLFragment) -> SQLFragment
}

extension SQLDialect {
    package func average(_ value: SQLFragment) -> SQLFragment { "avg(\(value))" }
    package func milliAmount(_ column: SQLFragment) -> SQLFragment { column }
    package func exists(_ subquery: SQLFragment) -> SQLFragment { "EXISTS (\(subquery))" }
    package var supportsCommonTableExpressions: Bool { true }
    package var groupsByPosition: Bool { true }
    package var supportsCorrelatedSubqueries: Bool { true }
    package func leftJoin(_ table: SQLFragment, using columns: [String]) -> SQLFragment {
        columns.isEmpty ? " CROSS JOIN \(table)" : " LEFT JOIN \(table) USING (\(raw: columns.joined(separator: ", ")))"
    }
    package func goalRows(_ goals: [(name: String, condition: SQLFragment)]) -> (
        clause: SQLFragment, name: SQLFragment
    )? {
        nil
    }
    package func currentSessions(_ alias: String, site: Int64, startFrom: Int64, startTo: Int64) -> SQLFragment? {
        nil
    }
    package var rerunsNestedScalarSubqueries: Bool { false }
    package func orderTerm(_ column: String, ascending: Bool) -> String {
        column + (ascending ? " ASC" : " DESC")
    }
    package func signWeighted(_ aggregate: Aggregate) -> SQLFragment? {
        nil
    }
    package func distinctUnion(_ lhs: SQLFragment, _ rhs: SQLFragment) -> SQLFragment {
        lhs + " UNION " + rhs
    }
}
