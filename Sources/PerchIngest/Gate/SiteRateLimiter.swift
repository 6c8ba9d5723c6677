import PerchCore
import Synchronization

/// A token bucket per site (spec box, product brief): it holds at most `burst` tokens, refills at
/// `eventsPerMinute`, and each admitted event takes one. Integer arithmetic in thousandths of a
/// token-minute keeps refills exact: one token is 60 000 units and each millisecond adds
/// `eventsPerMinute` units.
package final class SiteRateLimiter: Sendable {
    private struct Bucket {
        var units: Int64
        var updatedAt: Int64
        var limit: RateLimit
    }

    private final class Shard: Sendable {
        let buckets = Mutex<[Int64: Bucket]>([:])
    }

    private static let unitsPerToken: Int64 = 60_000
    /// What a site limited to 0 events per minute is told to wait.
    private static let blockedRetrySeconds = 60

    private let shards: [Shard]

    package init(shardCount: Int = 16) {
        precondition(shardCount > 0, "at least one shard")
        shards = (0..<shardCount).map { _ in Shard() }
    }

    /// Takes a token from the site's bucket if one is available at `nowMilliseconds`.
    /// A changed `limit` takes effect at once; tokens above a lowered burst are discarded.
    package func admit(siteID: Int64, limit: RateLimit, nowMilliseconds now: Int64) -> RateDecision {
        guard let perMinute = limit.eventsPerMinute.map({ Int64($0) }) else { return .allowed }
        // A blocked site (0/min) gets no burst either: not even its first event is admitted.
        guard perMinute > 0 else { return .limited(retryAfterSeconds: Self.blockedRetrySeconds) }
        let capacity = Int64(max(limit.burst, 1)) * Self.unitsPerToken
        let shard = shards[shardIndex(siteID)]
        return shard.buckets.withLock { buckets in
            var bucket = buckets[siteID] ?? Bucket(units: capacity, updatedAt: now, limit: limit)
            if bucket.limit != limit {
                bucket.limit = limit
                bucket.units = min(bucket.units, capacity)
            }
            // A clock stepping back refills nothing rather than draining the bucket.
            if now > bucket.updatedAt {
                let elapsed = now - bucket.updatedAt
                let (refill, overflow) = elapsed.multipliedReportingOverflow(by: max(perMinute, 0))
                bucket.units = overflow ? capacity : min(capacity, bucket.units + refill)
                bucket.updatedAt = now
            }
            let decision: RateDecision
            if bucket.units >= Self.unitsPerToken {
                bucket.units -= Self.unitsPerToken
                decision = .allowed
            } else {
                let missing = Self.unitsPerToken - bucket.units
                let milliseconds = (missing + perMinute - 1) / perMinute
                decision = .limited(retryAfterSeconds: Int(max(1, (milliseconds + 999) / 1000)))
            }
            buckets[siteID] = bucket
            return decision
        }
    }

    /// Forgets buckets of sites no longer served (e.g. after a site is removed).
    package func forget(siteID: Int64) {
        _ = shards[shardIndex(siteID)].buckets.withLock { $0.removeValue(forKey: siteID) }
    }

    private func shardIndex(_ siteID: Int64) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: siteID) &* 0x9E37_79B9_7F4A_7C15) >> 32) % shards.count
    }
}
