/// The UTC interval of each time bucket of a range, for planners that read a bucket's rows as one
/// key range instead of grouping every row by its label (see `PlanContext+TimeBuckets`).
///
/// A bucket is the set of instants whose local time (by the offset schedule, as the dialect's
/// `bucketLabel` computes it) falls into the bucket's local interval. Near a DST fall-back that
/// set can be two UTC intervals (the repeated hour); then there is no single range and
/// `intervals` answers nil, and the caller groups by label as usual.
package struct TimeBuckets: Sendable {
    package struct Bucket: Sendable, Equatable {
        package var label: String
        /// UTC, half-open.
        package var from: Int64
        package var to: Int64
    }

    /// The buckets of `range` that hold at least one instant, in label order; nil when a bucket is
    /// not one interval or the buckets do not cover the range exactly.
    static func intervals(
        of range: ResolvedDateRange, granularity: TimeGranularity, schedule: OffsetSchedule
    ) -> [Bucket]? {
        let labels = range.labels(granularity)
        let starts = labels.map(localStart)
        guard starts.allSatisfy({ $0 != nil }) else { return nil }
        let localStarts = starts.map { $0! }
        var buckets: [Bucket] = []
        var covered: Int64 = 0
        for index in labels.indices {
            let localFrom = localStarts[index]
            let localTo = index + 1 < localStarts.count ? localStarts[index + 1] : Int64.max / 2
            guard localFrom < localTo else { return nil }
            var pieces: [(Int64, Int64)] = []
            for (segmentIndex, segment) in schedule.segments.enumerated() {
                let segmentEnd =
                    segmentIndex + 1 < schedule.segments.count ? schedule.segments[segmentIndex + 1].start : range.to
                let offset = Int64(segment.offset)
                let from = max(range.from, segment.start, localFrom - offset)
                let to = min(range.to, segmentEnd, localTo - offset)
                guard from < to else { continue }
                if let last = pieces.last, last.1 == from {
                    pieces[pieces.count - 1].1 = to
                } else {
                    pieces.append((from, to))
                }
            }
            guard pieces.count <= 1 else { return nil }
            guard let piece = pieces.first else { continue }
            covered += piece.1 - piece.0
            buckets.append(Bucket(label: labels[index], from: piece.0, to: piece.1))
        }
        return covered == range.to - range.from ? buckets : nil
    }

    /// Local seconds (since 1970-01-01 00:00 local) where a `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:00`
    /// label begins.
    private static func localStart(_ label: String) -> Int64? {
        guard let date = CivilDate(iso: label.prefix(10)) else { return nil }
        var seconds = Int64(date.daysSinceEpoch) * 86_400
        if label.count == 19, let hour = Int64(label.dropFirst(11).prefix(2)),
            let minute = Int64(label.dropFirst(14).prefix(2))
        {
            seconds += hour * 3600 + minute * 60
        }
        return seconds
    }
}
