import PerchCore
import Testing

@testable import PerchWeb

@Suite struct LoginThrottleTests {
    @Test func failuresEmptyABucketThatRefillsOverTime() {
        let clock = ManualWallClock(seconds: 1_000)
        let throttle = LoginThrottle(capacity: 3, refillSeconds: 10, clock: clock)
        for _ in 0..<3 {
            #expect(throttle.allows(["ip:a"]))
            throttle.recordFailure(["ip:a", "email:x"])
        }
        #expect(!throttle.allows(["ip:a"]))
        #expect(!throttle.allows(["ip:b", "email:x"]))
        #expect(throttle.allows(["ip:b", "email:y"]))
        #expect(throttle.retryAfter(["ip:a"]) == 10)
        clock.advance(milliseconds: 10_000)
        #expect(throttle.allows(["ip:a"]))
    }

    @Test func memoryIsBounded() {
        let clock = ManualWallClock(seconds: 1_000)
        let throttle = LoginThrottle(capacity: 2, refillSeconds: 1, maxKeys: 100, clock: clock)
        for index in 0..<100 { throttle.recordFailure(["ip:\(index)"]) }
        clock.advance(milliseconds: 5_000)
        throttle.recordFailure(["ip:new"])
        // The refilled buckets were forgotten: only the new key remains limited.
        #expect(throttle.retryAfter((0..<100).map { "ip:\($0)" }) == 0)
    }
}
