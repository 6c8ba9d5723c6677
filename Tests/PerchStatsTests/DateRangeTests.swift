import Testing

@testable import PerchStats

@Suite("Date ranges in the site's time zone")
struct DateRangeTests {
    static func seconds(_ iso: String) -> Int64 { ISODateTime.parse(iso)! }

    static func zone(_ name: String) -> SiteTimeZone { SiteTimeZone(identifier: name)! }

    static func date(_ text: String) -> CivilDate { CivilDate(iso: text)! }

    @Test func civilDateRoundTrips() {
        for days in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(CivilDate(daysSinceEpoch: days).daysSinceEpoch == days)
        }
        #expect(CivilDate(iso: "2024-02-29") != nil)
        #expect(CivilDate(iso: "2023-02-29") == nil)
        #expect(CivilDate(iso: "2024-1-01") == nil)
        #expect(Self.date("2024-01-31").adding(months: 1) == Self.date("2024-02-29"))
        #expect(Self.date("2026-11-29").startOfWeek == Self.date("2026-11-23"))  // Sunday → Monday
        #expect(Self.date("2026-11-23").startOfWeek == Self.date("2026-11-23"))
    }

    static let cases: [(DateRangeInput, String, String, String, String, String)] = [
        // input, zone, now (UTC), first, last, expected echo
        (
            .day, "Europe/Berlin", "2026-03-29T12:00:00Z", "2026-03-29", "2026-03-29",
            "2026-03-29T00:00:00+01:00|2026-03-29T23:59:59+02:00"
        ),
        (
            .day, "America/New_York", "2026-11-01T03:30:00Z", "2026-10-31", "2026-10-31",
            "2026-10-31T00:00:00-04:00|2026-10-31T23:59:59-04:00"
        ),
        (
            .day, "America/New_York", "2026-11-01T12:00:00Z", "2026-11-01", "2026-11-01",
            "2026-11-01T00:00:00-04:00|2026-11-01T23:59:59-05:00"
        ),
        (
            .days(7), "UTC", "2026-03-01T10:00:00Z", "2026-02-22", "2026-02-28",
            "2026-02-22T00:00:00Z|2026-02-28T23:59:59Z"
        ),
        (
            .days(30), "Australia/Sydney", "2026-04-05T20:00:00Z", "2026-03-07", "2026-04-05",
            "2026-03-07T00:00:00+11:00|2026-04-05T23:59:59+10:00"
        ),
        (
            .month, "Asia/Kolkata", "2026-02-28T20:00:00Z", "2026-03-01", "2026-03-31",
            "2026-03-01T00:00:00+05:30|2026-03-31T23:59:59+05:30"
        ),
        (
            .months(6), "UTC", "2026-08-31T23:00:00Z", "2026-02-01", "2026-07-31",
            "2026-02-01T00:00:00Z|2026-07-31T23:59:59Z"
        ),
        (
            .months(12), "Europe/London", "2024-03-31T00:30:00Z", "2023-03-01", "2024-02-29",
            "2023-03-01T00:00:00+00:00|2024-02-29T23:59:59+00:00"
        ),
        (
            .year, "Pacific/Auckland", "2025-12-31T12:00:00Z", "2026-01-01", "2026-12-31",
            "2026-01-01T00:00:00+13:00|2026-12-31T23:59:59+13:00"
        ),
        (
            .dates(CivilDate(year: 2024, month: 1, day: 1), CivilDate(year: 2024, month: 1, day: 31)), "Europe/Tallinn",
            "2026-01-01T00:00:00Z", "2024-01-01", "2024-01-31", "2024-01-01T00:00:00+02:00|2024-01-31T23:59:59+02:00"
        ),
        (
            .datetimes(from: 1_704_103_200, to: 1_704_106_799), "UTC", "2026-01-01T00:00:00Z", "2024-01-01",
            "2024-01-01", "2024-01-01T10:00:00Z|2024-01-01T10:59:59Z"
        ),
    ]

    @Test("resolves", arguments: cases)
    func resolves(input: DateRangeInput, zone: String, now: String, first: String, last: String, echo: String) {
        let range = ResolvedDateRange.resolve(input, timeZone: Self.zone(zone), now: Self.seconds(now))
        #expect(range.firstDate.description == first)
        #expect(range.lastDate.description == last)
        #expect(range.echo.joined(separator: "|") == echo)
        #expect(range.to - range.from > 0)
    }

    @Test func dstDaysAreShortAndLong() {
        let berlin = Self.zone("Europe/Berlin")
        let spring = ResolvedDateRange.resolve(.day, timeZone: berlin, now: Self.seconds("2026-03-29T12:00:00Z"))
        #expect(spring.to - spring.from == 23 * 3600)
        let autumn = ResolvedDateRange.resolve(.day, timeZone: berlin, now: Self.seconds("2026-10-25T12:00:00Z"))
        #expect(autumn.to - autumn.from == 25 * 3600)
        #expect(autumn.labels(.hour).count == 24)  // the repeated 02:00 is one label
    }

    @Test func dayStartingInADSTGapBeginsAtTheTransition() {
        // Chile moves its clocks from 24:00 to 01:00 on 2024-09-08: that day starts at 01:00 local (04:00 UTC).
        let santiago = Self.zone("America/Santiago")
        #expect(santiago.startOfDay(Self.date("2024-09-08")) == Self.seconds("2024-09-08T04:00:00Z"))
        #expect(santiago.startOfDay(Self.date("2024-09-07")) == Self.seconds("2024-09-07T04:00:00Z"))
    }

    @Test func scheduleHasOneSegmentPerOffset() {
        let schedule = Self.zone("America/New_York").schedule(
            from: Self.seconds("2026-01-01T00:00:00Z"), to: Self.seconds("2027-01-01T00:00:00Z"))
        #expect(schedule.segments.map(\.offset) == [-18_000, -14_400, -18_000])
        #expect(schedule.segments[1].start == Self.seconds("2026-03-08T07:00:00Z"))
        #expect(Self.zone("UTC").schedule(from: 0, to: 86_400 * 400).segments.count == 1)
    }

    @Test func labels() {
        let range = ResolvedDateRange.resolve(
            .dates(Self.date("2026-01-28"), Self.date("2026-03-03")), timeZone: .utc, now: 0)
        #expect(
            range.labels(.week) == ["2026-01-28", "2026-02-02", "2026-02-09", "2026-02-16", "2026-02-23", "2026-03-02"])
        #expect(range.labels(.month) == ["2026-01-01", "2026-02-01", "2026-03-01"])
        #expect(range.labels(.day).count == 35)
        #expect(range.automaticGranularity == .day)
        let hours = ResolvedDateRange.resolve(
            .day, timeZone: Self.zone("Asia/Kolkata"), now: Self.seconds("2026-01-01T12:00:00Z"))
        #expect(hours.labels(.hour).first == "2026-01-01 00:00:00")
        #expect(hours.labels(.hour).last == "2026-01-01 23:00:00")
        #expect(hours.automaticGranularity == .hour)
        let year = ResolvedDateRange.resolve(.year, timeZone: .utc, now: Self.seconds("2026-05-01T00:00:00Z"))
        #expect(year.automaticGranularity == .month)
        let quarter = ResolvedDateRange.resolve(.days(91), timeZone: .utc, now: Self.seconds("2026-05-01T00:00:00Z"))
        #expect(quarter.automaticGranularity == .week)
    }

    @Test func datetimeOffsetsAreHonoured() {
        #expect(ISODateTime.parse("2024-01-01T00:00:00+02:00") == Self.seconds("2023-12-31T22:00:00Z"))
        #expect(ISODateTime.parse("2024-01-01T00:00:00.123-05:30") == Self.seconds("2024-01-01T05:30:00Z"))
        #expect(ISODateTime.parse("2024-01-01T24:00:00Z") == nil)
        #expect(ISODateTime.parse("2024-01-01T10:00:00") == nil)
    }
}
