import PerchCore
import PerchIngest
import Testing

@Suite("Per-site token bucket")
struct SiteRateLimiterTests {
    static let t0: Int64 = 1_767_780_000_000

    func admitted(_ limiter: SiteRateLimiter, site: Int64 = 1, limit: RateLimit, at time: Int64, times: Int) -> Int {
        (0..<times).count { _ in limiter.admit(siteID: site, limit: limit, nowMilliseconds: time) == .allowed }
    }

    @Test("a fresh bucket admits the burst at once, then limits")
    func burst() {
        let limiter = SiteRateLimiter()
        #expect(admitted(limiter, limit: .default, at: Self.t0, times: 500) == 120)
        #expect(limiter.admit(siteID: 1, limit: .default, nowMilliseconds: Self.t0) == .limited(retryAfterSeconds: 1))
    }

    @Test("tokens refill at the per-minute rate, never above the burst")
    func refill() {
        let limiter = SiteRateLimiter()
        let limit = RateLimit(eventsPerMinute: 60, burst: 5)
        #expect(admitted(limiter, limit: limit, at: Self.t0, times: 10) == 5)
        #expect(admitted(limiter, limit: limit, at: Self.t0 + 999, times: 10) == 0)
        #expect(admitted(limiter, limit: limit, at: Self.t0 + 1000, times: 10) == 1)
        #expect(admitted(limiter, limit: limit, at: Self.t0 + 4000, times: 10) == 3)
        #expect(admitted(limiter, limit: limit, at: Self.t0 + 3_600_000, times: 10) == 5)
    }

    @Test("600/min refills one token every 100 ms")
    func defaultRate() {
        let limiter = SiteRateLimiter()
        #expect(admitted(limiter, limit: .default, at: Self.t0, times: 120) == 120)
        #expect(admitted(limiter, limit: .default, at: Self.t0 + 1000, times: 50) == 10)
        #expect(admitted(limiter, limit: .default, at: Self.t0 + 60_000, times: 1000) == 120)
    }

    @Test(
        "retry-after is the whole seconds until a token is back, at least 1",
        arguments: [
            (60, 0, 1), (6, 0, 10), (6, 4000, 6), (6, 9999, 1), (1, 0, 60), (1, 30_500, 30),
        ])
    func retryAfter(perMinute: Int, waited: Int64, expected: Int) {
        let limiter = SiteRateLimiter()
        let limit = RateLimit(eventsPerMinute: perMinute, burst: 1)
        #expect(limiter.admit(siteID: 1, limit: limit, nowMilliseconds: Self.t0) == .allowed)
        let decision = limiter.admit(siteID: 1, limit: limit, nowMilliseconds: Self.t0 + waited)
        #expect(decision == .limited(retryAfterSeconds: expected))
    }

    @Test("no per-minute limit: always allowed")
    func unlimited() {
        let limiter = SiteRateLimiter()
        #expect(admitted(limiter, limit: .unlimited, at: Self.t0, times: 10_000) == 10_000)
    }

    @Test("zero per minute is a blocked site: not even the burst is admitted")
    func zeroRate() {
        let limiter = SiteRateLimiter()
        let limit = RateLimit(eventsPerMinute: 0, burst: 2)
        #expect(admitted(limiter, limit: limit, at: Self.t0, times: 5) == 0)
        #expect(admitted(limiter, limit: limit, at: Self.t0 + 86_400_000, times: 5) == 0)
        #expect(limiter.admit(siteID: 1, limit: limit, nowMilliseconds: Self.t0) == .limited(retryAfterSeconds: 60))
    }

    @Test("sites have independent buckets")
    func perSite() {
        let limiter = SiteRateLimiter()
        let limit = RateLimit(eventsPerMinute: 60, burst: 3)
        #expect(admitted(limiter, site: 1, limit: limit, at: Self.t0, times: 10) == 3)
        #expect(admitted(limiter, site: 2, limit: limit, at: Self.t0, times: 10) == 3)
        #expect(admitted(limiter, site: 1, limit: limit, at: Self.t0, times: 1) == 0)
        #expect(admitted(limiter, site: 3, limit: .unlimited, at: Self.t0, times: 10) == 10)
    }

    @Test("a changed limit takes effect on the next call")
    func changedLimit() {
        let limiter = SiteRateLimiter()
        let loose = RateLimit(eventsPerMinute: 600, burst: 100)
        let tight = RateLimit(eventsPerMinute: 60, burst: 2)
        #expect(admitted(limiter, limit: loose, at: Self.t0, times: 10) == 10)
        #expect(admitted(limiter, limit: tight, at: Self.t0, times: 10) == 2)
        #expect(limiter.admit(siteID: 1, limit: tight, nowMilliseconds: Self.t0) == .limited(retryAfterSeconds: 1))
        #expect(admitted(limiter, limit: .unlimited, at: Self.t0, times: 10) == 10)
        #expect(admitted(limiter, limit: loose, at: Self.t0 + 100, times: 10) == 1)
    }

    @Test("a clock stepping back neither refills nor breaks the bucket")
    func clockBack() {
        let limiter = SiteRateLimiter()
        let limit = RateLimit(eventsPerMinute: 60, burst: 1)
        #expect(admitted(limiter, limit: limit, at: Self.t0, times: 1) == 1)
        #expect(admitted(limiter, limit: limit, at: Self.t0 - 5000, times: 1) == 0)
        #expect(admitted(limiter, limit: limit, at: Self.t0 + 1000, times: 1) == 1)
    }
}
