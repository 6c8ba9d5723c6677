/// The grouped aggregates of a query's sides, described for a store that can compute them
/// without SQL (`StatsReader.precomputedGroups`); the planner then reads them from the result
/// instead of scanning the tables, and the rest of the plan (joins, metrics, rounding, order,
/// pages) is unchanged.
///
/// Only plain queries are described: at most one dimension, metrics made of `Measure`s, and
/// filters that compare texts (see `QueryPlanner.precomputeRequest`). Rows in range are those of
/// spec §14.4: events with `from ≤ timestamp < to` other than engagement events; sessions with
/// `sessionsFrom ≤ start < to` and `timestamp ≥ from`; and of those, the ones every filter
/// keeps. Filters are `is`/`is_not` leaves (case-sensitive, text clauses) under and/or/not; on
/// the events side they name event dimensions only, on the sessions side visit dimensions
/// only, compared with the same empty-value labels as the dimension's results.
package struct PrecomputeRequest: Sendable {
    package var siteKey: Int64
    package var from: Int64
    package var to: Int64
    /// The earliest session start in range: `from` minus the session look-back.
    package var sessionsFrom: Int64
    /// All must hold (see above).
    package var filters: [Filter]
    package var sides: [SideGroupsRequest]
    /// A side's visitors under the filters, whatever the dimension (`percentage`'s divisor): each
    /// keyed `.whole` with one distinct count.
    package var totals: [SideGroupsRequest]
}

/// What a store computed for a `PrecomputeRequest`: each side's groups, and each total, as JSON.
package struct PrecomputedGroups: Sendable {
    package var sides: [TableSide: String]
    package var totals: [TableSide: String]

    package init(sides: [TableSide: String] = [:], totals: [TableSide: String] = [:]) {
        self.sides = sides
        self.totals = totals
    }
}

/// One side's groups: what a hash GROUP BY of the side's rows by `key` returns, as the JSON text
/// `[[key…, aggregate…], …]` (`perch_group`'s form: counts and distinct counts are integers,
/// sums are integers or null when no row had a value, averages are reals or null).
package struct SideGroupsRequest: Sendable {
    package enum Key: Sendable, Equatable {
        /// One group of every row, returned even when there are none (as SQL's aggregate without
        /// GROUP BY), with no key values.
        case whole
        /// A dimension's value, an empty one read as its label (`VisitAttribute.emptyLabel`).
        case dimension(Dimension)
        /// The time bucket holding the row's instant (an event's timestamp; a session's start,
        /// or `from` for a session begun before it), keyed by its label; no group for an empty
        /// bucket.
        case buckets([TimeBuckets.Bucket])
    }

    package var side: TableSide
    package var key: Key
    /// In result order; each `.count` or over a `Measure`.
    package var aggregates: [Aggregate]
}
