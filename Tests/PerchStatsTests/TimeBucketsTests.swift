import Testing

@testable import PerchStats

@Suite("Time buckets as UTC ranges")
struct TimeBucketsTests {
    static func range(_ first: String, _ last: String, _ zone: String) -> ResolvedDateRange {
        ResolvedDateRange.resolve(
            .dates(CivilDate(iso: first)!, CivilDate(iso: last)!), timeZone: SiteTimeZone(identifier: zone)!, now: 0)
    }

    static func buckets(_ range: ResolvedDateRange, _ granularity: TimeGranularity) -> [TimeBuckets.Bucket]? {
        TimeBuckets.intervals(
            of: range, granularity: granularity, schedule: range.timeZone.schedule(from: range.from, to: range.to))
    }

    /// Every bucket is the set of instants the SQL label function maps to its label: checked
    /// instant by instant (every 15 minutes) against the zone's own offset.
    static func agreesWithLabels(_ range: ResolvedDateRange, _ granularity: TimeGranularity) -> Bool {
        guard let buckets = buckets(range, granularity) else { return false }
        var index = 0
        for instant in stride(from: range.from, to: range.to, by: 900) {
            while index < buckets.count, instant >= buckets[index].to { index += 1 }
            guard index < buckets.count, instant >= buckets[index].from else { return false }
            let local = instant + Int64(range.timeZone.offset(atUTC: instant))
            let label: String
            switch granularity {
            case .minute: label = ResolvedDateRange.minuteLabel(localSeconds: local - ((local % 60) + 60) % 60)
            case .hour: label = ResolvedDateRange.hourLabel(localSeconds: local - ((local % 3600) + 3600) % 3600)
            case .day: label = CivilDate(daysSinceEpoch: Int(local / 86_400)).description
            case .week:
                let monday = CivilDate(daysSinceEpoch: Int(local / 86_400)).startOfWeek
                label = max(monday, range.firstDate).description
            case .month: label = CivilDate(daysSinceEpoch: Int(local / 86_400)).startOfMonth.description
            }
            guard buckets[index].label == label else { return false }
        }
        return true
    }

    @Test func utcDaysAreWholeDays() throws {
        let range = Self.range("2026-11-01", "2026-11-30", "UTC")
        let buckets = try #require(Self.buckets(range, .day))
        #expect(buckets.count == 30)
        #expect(buckets.first == .init(label: "2026-11-01", from: range.from, to: range.from + 86_400))
        #expect(buckets.allSatisfy { $0.to - $0.from == 86_400 })
        #expect(buckets.last?.to == range.to)
    }

    @Test(arguments: [
        ("2026-03-01", "2026-03-31", "Europe/Berlin", TimeGranularity.day),
        ("2026-03-29", "2026-03-29", "Europe/Berlin", .hour),
        ("2025-10-01", "2026-09-30", "Australia/Sydney", .week),
        ("2025-10-15", "2026-09-30", "America/New_York", .month),
        ("2026-11-01", "2026-11-02", "Asia/Kathmandu", .hour),
        ("2026-11-01", "2026-11-01", "Asia/Kathmandu", .minute),
        ("2026-03-29", "2026-03-29", "Europe/Berlin", .minute),
    ])
    func bucketsHoldExactlyTheInstantsOfTheirLabel(
        first: String, last: String, zone: String, granularity: TimeGranularity
    ) {
        #expect(Self.agreesWithLabels(Self.range(first, last, zone), granularity))
    }

    @Test func aRepeatedHourIsOneTwoHourRange() throws {
        // 2026-10-25 02:00–03:00 happens twice in Berlin, back to back: one bucket of two hours.
        let range = Self.range("2026-10-25", "2026-10-25", "Europe/Berlin")
        let buckets = try #require(Self.buckets(range, .hour))
        #expect(buckets.count == 24)
        #expect(buckets.map { $0.to - $0.from }.filter { $0 != 3600 } == [7200])
        #expect(buckets.first { $0.to - $0.from == 7200 }?.label == "2026-10-25 02:00:00")
        #expect(Self.agreesWithLabels(range, .hour))
    }
}
