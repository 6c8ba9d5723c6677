/// The grouped aggregates of a query's sides, described for a store that can compute them
/// without SQL (`StatsReader.precomputedGroups`); the planner then reads them from the result
/// instead of scanning the tables, and the rest of the plan (joins, metrics, rounding, order,
/// pages) is unchanged.
///
/// Only plain queries are described: dimensions with at most one time bucket, metrics made of
/// `Measure`s (and `bounce_rate`'s `EntryPageAggregates`), and filters that compare texts (see `QueryPlanner.precomputeRequest`). Rows in
/// range are those of spec §14.4: events with `from ≤ timestamp < to` other than engagement
/// events; sessions with `sessionsFrom ≤ start < to` and `timestamp ≥ from`; and of those, the
/// ones every filter keeps. Filters are leaves with text clauses (any operator, with or without
/// case) under and/or/not, on any dimension but time: on the events side a visit dimension
/// reads the event's copy; on the sessions side a top-level filter naming an event dimension
/// (goals and properties included) keeps the sessions with an event in range it keeps. Leaves
/// compare the value the dimension's results show (as `PlanContext.leafCondition` does): the empty-value label, a
/// property's `(none)`.
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
    /// The visitors `conversion_rate` divides by (the events side, keyed `.whole`, one distinct
    /// count), under `conversionFilters`: the filters but top-level goal and property leaves.
    package var conversionTotal: SideGroupsRequest?
    package var conversionFilters: [Filter]
    /// The site's goals, which goal filters and the `event:goal` dimension name.
    package var goals: [Goal]
    /// The visitors per group `group_conversion_rate` divides by (the events side, keyed as the
    /// sides, one distinct count), under `conversionFilters`.
    package var groupDenominator: SideGroupsRequest? = nil
}

/// What a store computed for a `PrecomputeRequest`: each side's groups, and each total, as JSON.
package struct PrecomputedGroups: Sendable {
    package var sides: [TableSide: String]
    package var totals: [TableSide: String]
    package var conversionTotal: String?
    package var groupDenominator: String?

    package init(
        sides: [TableSide: String] = [:], totals: [TableSide: String] = [:], conversionTotal: String? = nil,
        groupDenominator: String? = nil
    ) {
        self.sides = sides
        self.totals = totals
        self.conversionTotal = conversionTotal
        self.groupDenominator = groupDenominator
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
        /// The dimensions' values (no time dimension, no goal), each as its results show it: an
        /// empty one read as its label (`VisitAttribute.emptyLabel`), an absent property as
        /// `(none)`.
        case dimensions([Dimension])
        /// The name of each goal the row completes (a row in as many groups as it completes
        /// goals, as SQL's join with the goals puts it); no group for a goal nothing completes.
        case goals([Goal])
        /// The time bucket holding the row's instant (an event's timestamp; a session's start,
        /// or `from` for a session begun before it), keyed by its label; no group for an empty
        /// bucket.
        case buckets([TimeBuckets.Bucket])
        /// The dimensions' values as `.dimensions` keys them, the one time dimension among them
        /// by its bucket as `.buckets` keys it; no group without rows.
        case dimensionsAndBuckets([Dimension], [TimeBuckets.Bucket])
    }

    package var side: TableSide
    package var key: Key
    /// In result order; each `.count`, over a `Measure`, or one of `entryPage`'s.
    package var aggregates: [Aggregate]
    /// On the sessions side under a page filter, `bounce_rate`'s aggregates.
    package var entryPage: EntryPageAggregates? = nil
}
