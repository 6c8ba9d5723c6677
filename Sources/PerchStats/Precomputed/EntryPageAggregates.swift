/// `bounce_rate`'s two aggregates on the sessions side under a page filter, which count only
/// the sessions that entered on a page the query's first top-level `event:page` leaf keeps
/// (`PlanContext.entryPageCondition`), described for a store that computes them.
package struct EntryPageAggregates: Sendable, Hashable {
    /// The page leaf, applied to the session's entry page.
    package var leaf: FilterLeaf
    /// The sum of the entered sessions' bounces.
    package var bounces: Aggregate
    /// The number of entered sessions (a sum of 1s).
    package var visits: Aggregate
}
