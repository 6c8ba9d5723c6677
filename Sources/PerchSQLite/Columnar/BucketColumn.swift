import PerchStats

/// A time bucket read as a `LabelColumn` (`SideGroupsRequest.Key.dimensionsAndBuckets`): each
/// row's code is the index of the bucket holding its instant, its label the bucket's, so the
/// bucket groups beside other dimensions as they do.
enum BucketColumn {
    /// The events of `span` (a time range the buckets cover) by timestamp; nil when one falls in
    /// no bucket.
    static func events(_ events: EventColumns, span: Range<Int>, buckets: [TimeBuckets.Bucket]) -> LabelColumn? {
        var codes = [UInt32](repeating: 0, count: events.count)
        // Rows are in time order: each bucket's rows follow the previous bucket's.
        var bucket = 0
        for row in span {
            let instant = events.timestamps[row]
            while bucket < buckets.count, buckets[bucket].to <= instant { bucket += 1 }
            guard bucket < buckets.count, buckets[bucket].from <= instant else { return nil }
            codes[row] = UInt32(bucket)
        }
        return column(codes, buckets)
    }

    /// The sessions begun before `to` by their start, or `from` for those begun before it (as
    /// `.buckets` keys them); nil when one falls in no bucket. Other rows read bucket 0.
    static func sessions(
        _ sessions: SessionColumns, from: Int64, to: Int64, buckets: [TimeBuckets.Bucket]
    ) -> LabelColumn? {
        var codes = [UInt32](repeating: 0, count: sessions.count)
        for row in 0..<sessions.count where sessions.starts[row] < to {
            let instant = max(sessions.starts[row], from)
            let bucket = buckets.partitioningIndex { $0.to > instant }
            guard bucket < buckets.count, buckets[bucket].from <= instant else { return nil }
            codes[row] = UInt32(bucket)
        }
        return column(codes, buckets)
    }

    private static func column(_ codes: [UInt32], _ buckets: [TimeBuckets.Bucket]) -> LabelColumn {
        LabelColumn(codes: codes, codeCount: max(buckets.count, 1)) { buckets[Int($0)].label }
    }
}
