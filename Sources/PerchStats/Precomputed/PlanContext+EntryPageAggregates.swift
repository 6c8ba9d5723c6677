extension PlanContext {
    /// `bounce_rate`'s aggregates under a page filter as `sideMetric` writes them, for a store
    /// that computes them (`PrecomputeRequest`); nil without a top-level page filter. Should
    /// `sideMetric` write them otherwise, they would no longer match its aggregates and the
    /// query would be left to SQL (the column cache tests would say so).
    var entryPageAggregates: EntryPageAggregates? {
        guard let entered = entryPageCondition else { return nil }
        for case .leaf(let leaf) in query.query.filters where leaf.dimension == .event(.page) {
            return EntryPageAggregates(
                leaf: leaf, bounces: .sum("CASE WHEN \(entered) THEN \(Measure.sessionBounce.operand) ELSE 0 END"),
                visits: .sum("CASE WHEN \(entered) THEN 1 ELSE 0 END"))
        }
        return nil
    }
}
