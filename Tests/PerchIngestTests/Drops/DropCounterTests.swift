import PerchCore
import Testing

@testable import PerchIngest

/// In-memory drop counts: per (domain, reason, UTC hour), drained by flushes, bounded in size.
@Suite struct DropCounterTests {
    static let hour: Int64 = 1_764_000_000 - 1_764_000_000 % 3600

    @Test func countsPerDomainReasonAndHour() {
        let counter = DropCounter()
        let start = Self.hour * 1000
        counter.record(domain: "a.test", reason: .bot, nowMilliseconds: start)
        counter.record(domain: "a.test", reason: .bot, nowMilliseconds: start + 3_599_999)
        counter.record(domain: "a.test", reason: .bot, nowMilliseconds: start + 3_600_000)
        counter.record(domain: "b.test", reason: .bot, nowMilliseconds: start)
        counter.record(domain: "a.test", reason: .throttle, nowMilliseconds: start)
        #expect(
            counter.drain() == [
                DropCount(domain: "a.test", reason: "bot", hour: Self.hour, count: 2),
                DropCount(domain: "a.test", reason: "throttle", hour: Self.hour, count: 1),
                DropCount(domain: "b.test", reason: "bot", hour: Self.hour, count: 1),
                DropCount(domain: "a.test", reason: "bot", hour: Self.hour + 3600, count: 1),
            ])
        #expect(counter.drain().isEmpty)
    }

    @Test func pastTheKeyLimitNewDomainsShareOneRow() {
        let counter = DropCounter(maxKeys: 2)
        for domain in ["a.test", "b.test", "c.test", "d.test", "a.test"] {
            counter.record(domain: domain, reason: .notFound, nowMilliseconds: Self.hour * 1000)
        }
        let counts = Dictionary(uniqueKeysWithValues: counter.drain().map { ($0.domain, $0.count) })
        #expect(counts == ["a.test": 2, "b.test": 1, DropCounter.otherDomain: 2])
    }

    @Test func restoredCountsAddToNewOnes() {
        let counter = DropCounter()
        counter.record(domain: "a.test", reason: .bot, nowMilliseconds: Self.hour * 1000)
        let taken = counter.drain()
        counter.record(domain: "a.test", reason: .bot, nowMilliseconds: Self.hour * 1000)
        counter.restore(taken)
        #expect(counter.drain() == [DropCount(domain: "a.test", reason: "bot", hour: Self.hour, count: 2)])
    }

    @Test(arguments: [(Int64(0), Int64(0)), (3599, 0), (3600, 3600), (7201, 7200), (-1, -3600)])
    func hourStart(seconds: Int64, expected: Int64) {
        #expect(DropCounter.hourStart(seconds) == expected)
    }
}
