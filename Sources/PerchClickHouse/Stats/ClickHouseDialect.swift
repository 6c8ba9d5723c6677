import PerchStats

/// SQL for the ClickHouse store (`events`/`sessions` of `ClickHouseSchema`), within what both
/// ClickHouse 18.16 and current releases accept (docs/clickhouse.md, "Stats queries").
///
/// * Values are spliced as literals (`ClickHouseSQL.literal`): 18.16 has no query parameters.
///   A statement's `parameters` still list them, but the text is complete without them.
/// * No `WITH name AS (subquery)`, no positional GROUP BY, no correlated subqueries, no `EXISTS`,
///   no `UNION` (only `UNION ALL`), no JOIN on anything but equalities, and `match` only with a
///   constant pattern: the planner nests, groups by alias, selects by `IN`, and gives each event
///   one row per goal it completes with `ARRAY JOIN` instead.
/// * A session is several rows (`VersionedCollapsingMergeTree(sign, events)`): only the `+1` row
///   of each session's current state is read (`currentSessions`).
/// * LEFT JOINs need `join_use_nulls = 1` (else missing rows read as zeros and empty strings): the
///   reader sends it with every statement.
package struct ClickHouseDialect: SQLDialect {
    package init() {}

    package func quote(_ identifier: String) -> String {
        ClickHouseSQL.identifier(identifier)
    }

    /// The value itself, as a literal. Negative numbers are parenthesised so that `x - -1` or
    /// `x + -3600` never reads as a comment or an operator pair.
    package func placeholder(_ index: Int, for value: SQLValue) -> String {
        switch value {
        case .null: "NULL"
        case .integer(let number): number < 0 ? "(\(number))" : "\(number)"
        case .real(let number): number < 0 ? "(\(number))" : "\(number)"
        case .text(let text): ClickHouseSQL.literal(text)
        }
    }

    package func localSeconds(_ utc: SQLFragment, schedule: OffsetSchedule) -> SQLFragment {
        let instant: SQLFragment = "toInt64(\(utc))"
        let segments = schedule.segments
        guard segments.count > 1 else { return "(\(instant) + \(bind: Int64(segments.first?.offset ?? 0)))" }
        var cases: SQLFragment = "CASE"
        for index in 0..<segments.count - 1 {
            cases += " WHEN \(instant) < \(bind: segments[index + 1].start) THEN \(bind: Int64(segments[index].offset))"
        }
        cases += " ELSE \(bind: Int64(segments[segments.count - 1].offset)) END"
        return "(\(instant) + \(cases))"
    }

    /// Local seconds are formatted as a UTC time, which they are not, but that is how they read.
    package func bucketLabel(_ local: SQLFragment, granularity: TimeGranularity, notBefore: CivilDate) -> SQLFragment {
        let time: SQLFragment = "toDateTime(\(local), 'UTC')"
        switch granularity {
        case .minute: return "formatDateTime(\(time), '%Y-%m-%d %H:%M:00')"
        case .hour: return "formatDateTime(\(time), '%Y-%m-%d %H:00:00')"
        case .day: return "formatDateTime(\(time), '%Y-%m-%d')"
        case .month: return "formatDateTime(\(time), '%Y-%m-01')"
        case .week:
            // 18.16's greatest() refuses strings.
            let monday: SQLFragment = "toString(toMonday(\(time)))"
            return "if(\(monday) < \(bind: notBefore.description), \(bind: notBefore.description), \(monday))"
        }
    }

    /// Props are parallel key and value arrays: the planner names SQLite's JSON column (`e.props`,
    /// `s.entry_props`), read here as `e.meta.*` and `s.entry_meta.*`.
    package func propValue(_ column: String, key: String) -> SQLFragment {
        let (alias, name) = Self.split(column)
        let prefix = (name == "entry_props" ? "entry_meta" : "meta")
        let keys = alias + ClickHouseSQL.identifier(prefix + ".key")
        let values = alias + ClickHouseSQL.identifier(prefix + ".value")
        return "if(has(\(raw: keys), \(bind: key)), \(raw: values)[indexOf(\(raw: keys), \(bind: key))], NULL)"
    }

    /// `alias.` (with its dot, or empty) and the column name.
    private static func split(_ column: String) -> (String, String) {
        guard let dot = column.lastIndex(of: ".") else { return ("", column) }
        return (String(column[...dot]), String(column[column.index(after: dot)...]))
    }

    /// RE2 syntax; the pattern must be a constant (18.16), which every planned pattern is.
    package func regexMatch(_ value: SQLFragment, pattern: SQLFragment) -> SQLFragment {
        "match(\(value), \(pattern))"
    }

    package func contains(_ value: SQLFragment, _ needle: SQLFragment) -> SQLFragment {
        "position(\(value), \(needle)) > 0"
    }

    /// ASCII only, like SQLite's `lower()`, so case-insensitive filters agree between the stores.
    package func lowercase(_ value: SQLFragment) -> SQLFragment {
        "lower(\(value))"
    }

    /// Over seconds: the planner's only use compares a `DateTime` column with a bound instant.
    package func greatest(_ lhs: SQLFragment, _ rhs: SQLFragment) -> SQLFragment {
        "greatest(toInt64(\(lhs)), toInt64(\(rhs)))"
    }

    /// Half away from zero, as SQLite rounds: ClickHouse's own `round` rounds floats half to even
    /// in current releases (12.5 → 12) but not in 18.16 (→ 13). Metrics are never negative.
    package func round(_ value: SQLFragment, decimals: Int) -> SQLFragment {
        guard decimals > 0 else { return "floor(\(value) + 0.5)" }
        let scale = "1" + String(repeating: "0", count: decimals)
        return "floor(\(value) * \(raw: scale) + 0.5) / \(raw: scale)"
    }

    package func countDistinct(_ value: SQLFragment) -> SQLFragment {
        "uniqExact(\(value))"
    }

    /// `avg` of no rows is NaN in ClickHouse, NULL in SQL.
    package func average(_ value: SQLFragment) -> SQLFragment {
        "sum(\(value)) / nullIf(count(\(value)), 0)"
    }

    /// Amounts are `Decimal(18, 3)`.
    package func milliAmount(_ column: SQLFragment) -> SQLFragment {
        "toInt64(\(column) * 1000)"
    }

    package func exists(_ subquery: SQLFragment) -> SQLFragment {
        "((SELECT count(*) FROM (\(subquery) LIMIT 1)) > 0)"
    }

    package var supportsCommonTableExpressions: Bool { false }
    package var groupsByPosition: Bool { false }
    package var supportsCorrelatedSubqueries: Bool { false }

    package func leftJoin(_ table: SQLFragment, using columns: [String]) -> SQLFragment {
        guard !columns.isEmpty else { return " CROSS JOIN \(table)" }
        return " ALL LEFT JOIN \(table) USING (\(raw: columns.joined(separator: ", ")))"
    }

    /// `ARRAY JOIN` over the names of the goals an event completes: an event completing none
    /// has an empty array and no row, one completing two has two.
    package func goalRows(_ goals: [(name: String, condition: SQLFragment)]) -> (
        clause: SQLFragment, name: SQLFragment
    )? {
        let names: [SQLFragment] = goals.map { "if(\($0.condition), \(bind: $0.name), '')" }
        let array = "[" + SQLFragment.joined(names.isEmpty ? ["''"] : names, separator: ", ") + "]"
        return ("ARRAY JOIN arrayFilter(x -> x != '', \(array)) AS goal_name", "goal_name")
    }

    /// The `+1` row of each session's current state: states are `(session_id, events)`, and a
    /// superseded state has its `-1` row too, written in the same insert as its successor's `+1`
    /// (one `start`, so one partition and one part). So a `+1` row whose state has no `-1` row is
    /// current. The set looked up holds only the `-1` rows merges have not collapsed yet, far
    /// fewer than the states (grouping every state by `(session_id, events)` took 1.4 s of a
    /// 1.5 s exit-page breakdown on 3 M events). Narrowed to the site's sessions started in the
    /// range, which the table's key prunes.
    package func currentSessions(_ alias: String, site: Int64, startFrom: Int64, startTo: Int64) -> SQLFragment? {
        "\(raw: alias).sign = 1 AND (\(raw: alias).session_id, \(raw: alias).events) NOT IN "
            + "(SELECT session_id, events FROM sessions WHERE site_id = \(bind: site) AND start >= \(bind: startFrom) "
            + "AND start < \(bind: startTo) AND sign = -1)"
    }

    /// Plausible's reads: a superseded state's `+1` and `-1` rows cancel out in counts and sums.
    /// Distinct values need no weight: where the planner uses this, a session counted through a
    /// superseded state is counted through its current one too.
    package func signWeighted(_ aggregate: Aggregate) -> SQLFragment? {
        switch aggregate {
        case .count: "sum(s.sign)"
        case .sum(let value): "sum((\(value)) * s.sign)"
        case .average(let value): "sum((\(value)) * s.sign) / nullIf(sum(s.sign), 0)"
        case .distinct(let value): countDistinct(value)
        }
    }

    /// 18.16 executes a scalar subquery again while analysing each SELECT around it: the planner's
    /// nesting ran a percentage's total three to five times (a 30-day goal conversion query on
    /// 10 M events took 1.4 s, 0.25 s with the division outermost).
    package var rerunsNestedScalarSubqueries: Bool { true }

    /// ClickHouse puts NULLs last either way unless told.
    package func orderTerm(_ column: String, ascending: Bool) -> String {
        column + (ascending ? " ASC NULLS FIRST" : " DESC NULLS LAST")
    }

    package func distinctUnion(_ lhs: SQLFragment, _ rhs: SQLFragment) -> SQLFragment {
        "SELECT DISTINCT code FROM (\(lhs) UNION ALL \(rhs))"
    }

    // MARK: never used: the planner reads these only when the answers above ask for them

    /// ClickHouse groups in hash tables itself.
    package var readsTimeBucketsAsRanges: Bool { false }

    package func packed(_ values: [SQLFragment]) -> SQLFragment {
        "tuple(" + SQLFragment.joined(values, separator: ", ") + ")"
    }

    package func unpacked(_ packed: SQLFragment, index: Int) -> SQLFragment {
        "tupleElement(\(packed), \(raw: String(index + 1)))"
    }

    package func hashGroupedRows(keys: [SQLFragment], aggregates: [Aggregate], source: SQLFragment) -> SQLFragment? {
        nil
    }

    package func precomputedRows(_ json: String) -> SQLFragment? {
        nil
    }

    package func hashGroupedColumn(_ index: Int) -> SQLFragment {
        unpacked("j.value", index: index)
    }

    package func materialized(_ name: String, as body: SQLFragment) -> SQLFragment {
        "WITH \(raw: name) AS (\(body))"
    }
}
