import PerchCore
import Synchronization

/// Limits failed sign-ins per client address and per e-mail address: each failure takes a token
/// from that key's bucket (10, refilled one per 30 s), and a key with an empty bucket is refused
/// before its password is even hashed, so guessing costs the attacker time and the server nothing.
/// Memory stays bounded: past `maxKeys` the buckets that have refilled are forgotten.
package final class LoginThrottle: Sendable {
    struct Bucket {
        var tokens: Double
        var updatedAt: Int64
    }

    let capacity: Double
    let refillSeconds: Double
    let maxKeys: Int
    let clock: any WallClock
    private let buckets = Mutex<[String: Bucket]>([:])

    package init(capacity: Int = 10, refillSeconds: Double = 30, maxKeys: Int = 10_000, clock: any WallClock) {
        self.capacity = Double(capacity)
        self.refillSeconds = refillSeconds
        self.maxKeys = maxKeys
        self.clock = clock
    }

    /// Whether a sign-in for these keys may be tried now.
    package func allows(_ keys: [String]) -> Bool {
        let now = clock.nowSeconds()
        return buckets.withLock { buckets in
            keys.allSatisfy { key in buckets[key].map { refilled($0, now: now).tokens >= 1 } ?? true }
        }
    }

    /// Records a failed sign-in against each key.
    package func recordFailure(_ keys: [String]) {
        let now = clock.nowSeconds()
        buckets.withLock { buckets in
            if buckets.count >= maxKeys {
                buckets = buckets.filter { refilled($0.value, now: now).tokens < capacity }
            }
            for key in keys {
                var bucket = buckets[key].map { refilled($0, now: now) } ?? Bucket(tokens: capacity, updatedAt: now)
                bucket.tokens = max(0, bucket.tokens - 1)
                buckets[key] = bucket
            }
        }
    }

    /// Seconds until each of these keys may try again (0 when it may now).
    package func retryAfter(_ keys: [String]) -> Int {
        let now = clock.nowSeconds()
        return buckets.withLock { buckets in
            keys.compactMap { buckets[$0].map { refilled($0, now: now) } }
                .map { Int(((1 - $0.tokens) * refillSeconds).rounded(.up)) }
                .max().map { max(0, $0) } ?? 0
        }
    }

    private func refilled(_ bucket: Bucket, now: Int64) -> Bucket {
        let gained = Double(max(0, now - bucket.updatedAt)) / refillSeconds
        return Bucket(tokens: min(capacity, bucket.tokens + gained), updatedAt: now)
    }
}
