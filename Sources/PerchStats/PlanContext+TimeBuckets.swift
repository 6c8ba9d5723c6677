/// Time series read bucket by bucket, for dialects that say so (`readsTimeBucketsAsRanges`).
///
/// Grouping by a bucket label makes SQLite sort every row of the range. The rows of a bucket are
/// one range of the (site, time)-clustered tables, so instead each bucket gets one correlated
/// subquery over its own range, whose aggregates come back packed in a single value: the rows
/// are read once, in key order, and never sorted. The results are those of the grouped form:
/// same labels, same aggregates, no row for an empty bucket.
extension PlanContext {
    /// The buckets, when the query is a plain time series this way applies to.
    var rangeBuckets: [TimeBuckets.Bucket]? {
        guard dialect.readsTimeBucketsAsRanges, query.dimensions.count == 1, query.dimensions[0].isTime,
            let granularity = query.timeGranularity,
            query.range.bucketCountEstimate(granularity) <= Self.maximumRangeBuckets
        else { return nil }
        return TimeBuckets.intervals(of: query.range, granularity: granularity, schedule: schedule)
    }

    /// Beyond this many buckets the bound bucket list outweighs the sort it saves.
    private static var maximumRangeBuckets: Int { 1_000 }

    /// `sideCTE`'s rows (`d0`, `n_rows`, `m_…`) computed per bucket.
    func bucketedSideCTE(_ side: TableSide, metrics: [Metric], buckets: [TimeBuckets.Bucket]) -> SQLFragment {
        // A session counts in the bucket of max(start, range start): those begun before the range
        // belong to the first bucket.
        let lookbackStart = query.range.from - Self.sessionLookback
        let rows: [SQLFragment] = buckets.enumerated().map { index, bucket in
            let from = side == .sessions && index == 0 ? lookbackStart : bucket.from
            return "(\(bind: bucket.label), \(bind: from), \(bind: bucket.to))"
        }
        var aggregates: [SQLFragment] = ["count(*)"]
        for metric in metrics { aggregates.append(sideMetric(metric, side: side)) }
        let bucketRange: SQLFragment =
            side == .events
            ? "e.timestamp >= k.column2 AND e.timestamp < k.column3" : "s.start >= k.column2 AND s.start < k.column3"
        let perBucket: SQLFragment =
            "SELECT k.column1 AS d0, (SELECT \(dialect.packed(aggregates)) FROM "
            + base(side, bucketRange: bucketRange) + ") AS x FROM (VALUES "
            + SQLFragment.joined(rows, separator: ", ") + ") k"
        var columns: [SQLFragment] = ["b.d0 AS d0", "\(dialect.unpacked("b.x", index: 0)) AS n_rows"]
        for (index, metric) in metrics.enumerated() {
            columns.append("\(dialect.unpacked("b.x", index: index + 1)) AS m_\(raw: metric.rawValue)")
        }
        return dialect.materialized("b", as: perBucket) + " SELECT " + SQLFragment.joined(columns, separator: ", ")
            + " FROM b WHERE \(dialect.unpacked("b.x", index: 0)) > 0"
    }
}
