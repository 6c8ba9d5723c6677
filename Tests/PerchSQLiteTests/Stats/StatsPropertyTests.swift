import Foundation
import PerchCore
import PerchStats
import Testing

@testable import PerchSQLite

/// Random event streams and random valid queries: the executor's answer must equal a brute-force
/// count over the raw rows, done with Foundation's calendar rather than the planner's time code.
/// A failure prints its seed; `PERCH_PROPERTY_SEED=<seed>` replays that one case.
@Suite struct StatsPropertyTests {
    static let zones = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"]
    static let paths = ["/", "/a", "/b", "/a/b"]
    static let names = ["pageview", "pageview", "pageview", "Signup", "engagement"]
    /// 2025-03-25 00:00 UTC: the window crosses Europe's spring DST change.
    static let base: Int64 = 1_742_860_800

    @Test func executorMatchesBruteForce() async throws {
        let seeds: [UInt64]
        if let text = ProcessInfo.processInfo.environment["PERCH_PROPERTY_SEED"], let seed = UInt64(text) {
            seeds = [seed]
        } else {
            var source = SystemRandomNumberGenerator()
            seeds = (0..<200).map { _ in source.next() }
        }
        for seed in seeds {
            let failures = try await Self.check(seed: seed)
            #expect(failures.isEmpty, "PERCH_PROPERTY_SEED=\(seed): \(failures.joined(separator: "; "))")
        }
    }

    /// One random dataset and four random queries; returns the mismatches.
    static func check(seed: UInt64) async throws -> [String] {
        var random = SplitMix64(seed: seed)
        let zone = zones[Int(random.next() % UInt64(zones.count))]
        let store = SQLiteStore(database: try SQLiteDatabase.inMemory())
        try store.addSite(domain: "example.com", timezone: zone)
        let (events, sessions) = stream(&random)
        try store.write(StoreBatch(events: events, sessions: sessions, lastSequence: 1))

        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone)!
        let firstDay = Int(random.next() % 12) - 2
        let first = base / 86_400 + Int64(firstDay)
        let last = first + Int64(random.next() % 5)
        let range = (from: startOfDay(first, calendar), to: startOfDay(last + 1, calendar))
        let dates = "[\"\(dayText(first))\",\"\(dayText(last))\"]"
        let counted = events.filter { $0.name != "engagement" && $0.timestamp >= range.from && $0.timestamp < range.to }
        let page = paths[Int(random.next() % UInt64(paths.count))]
        var failures: [String] = []

        func compare(_ body: String, _ expected: [String: [JSONValue]]) async throws {
            let actual = try await table(body, store: store)
            if actual != expected { failures.append("\(body) in \(zone): got \(actual), expected \(expected)") }
        }

        let onPage = counted.filter { $0.pathname == page }
        try await compare(
            #"{"site_id":"example.com","metrics":["visitors","pageviews","events"],"date_range":\#(dates),"#
                + #""filters":[["is","event:page",["\#(page)"]]]}"#,
            [
                "": [
                    .int(Int64(Set(onPage.map(\.userID)).count)),
                    .int(Int64(onPage.filter { $0.name == "pageview" }.count)), .int(Int64(onPage.count)),
                ]
            ])

        let inRange = sessions.filter {
            $0.start >= range.from - 7 * 86_400 && $0.timestamp >= range.from && $0.start < range.to
        }
        try await compare(
            #"{"site_id":"example.com","metrics":["visitors","visits","pageviews"],"date_range":\#(dates)}"#,
            [
                "": [
                    .int(Int64(Set(inRange.map(\.userID)).count)), .int(Int64(inRange.count)),
                    .int(Int64(counted.filter { $0.name == "pageview" }.count)),
                ]
            ])

        var byPage: [String: [JSONValue]] = [:]
        for (path, group) in Dictionary(grouping: counted, by: \.pathname) {
            byPage[JSONValue.string(path).json] = [
                .int(Int64(Set(group.map(\.userID)).count)), .int(Int64(group.filter { $0.name == "pageview" }.count)),
            ]
        }
        try await compare(
            #"{"site_id":"example.com","metrics":["visitors","pageviews"],"dimensions":["event:page"],"#
                + #""date_range":\#(dates)}"#, byPage)

        var byDay: [String: [JSONValue]] = [:]
        for (day, group) in Dictionary(grouping: counted, by: { localDay($0.timestamp, calendar) }) {
            byDay[JSONValue.string(day).json] = [.int(Int64(group.filter { $0.name == "pageview" }.count))]
        }
        try await compare(
            #"{"site_id":"example.com","metrics":["pageviews"],"dimensions":["time:day"],"date_range":\#(dates)}"#,
            byDay)
        return failures
    }

    /// 1–12 visitors with 1–3 sessions each of 1–6 events, spread over 12 days; sessions may cross
    /// local midnight and DST changes.
    static func stream(_ random: inout SplitMix64) -> ([EventRecord], [SessionRecord]) {
        var events: [EventRecord] = []
        var sessions: [SessionRecord] = []
        for user in 1...UInt64(1 + random.next() % 12) {
            for number in 0..<(1 + random.next() % 3) {
                let sessionID = user * 100 + number
                var time = base + Int64(random.next() % (12 * 86_400))
                var own: [EventRecord] = []
                for _ in 0..<(1 + random.next() % 6) {
                    let name = names[Int(random.next() % UInt64(names.count))]
                    let path = paths[Int(random.next() % UInt64(paths.count))]
                    own.append(
                        EventRecord(
                            timestamp: time, name: name, siteID: 1, userID: user, sessionID: sessionID,
                            hostname: "example.com", pathname: path))
                    time += Int64(random.next() % 1800)
                }
                let pageviews = own.filter { $0.name == "pageview" }
                let start = own[0].timestamp
                let end = own[own.count - 1].timestamp
                sessions.append(
                    SessionRecord(
                        sessionID: sessionID, siteID: 1, userID: user, hostname: "example.com", start: start,
                        timestamp: end, isBounce: pageviews.count < 2, entryPage: own[0].pathname,
                        exitPage: own[own.count - 1].pathname, exitPageHostname: "example.com",
                        pageviews: Int32(pageviews.count), events: Int32(own.count), duration: UInt32(end - start),
                        visit: VisitAttributes(), entryProps: []))
                events += own
            }
        }
        return (events, sessions)
    }

    static func table(_ body: String, store: SQLiteStore) async throws -> [String: [JSONValue]] {
        let json = try await StatsDataset.answer(body, store: store)
        guard case .array(let rows)? = json["results"] else { return [:] }
        var out: [String: [JSONValue]] = [:]
        for row in rows {
            guard case .array(let dimensions)? = row["dimensions"], case .array(let metrics)? = row["metrics"] else {
                continue
            }
            out[dimensions.map(\.json).joined(separator: ",")] = metrics
        }
        return out
    }

    static func startOfDay(_ day: Int64, _ calendar: Calendar) -> Int64 {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let parts = utc.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(day * 86_400)))
        let local = calendar.date(from: DateComponents(year: parts.year, month: parts.month, day: parts.day))!
        return Int64(calendar.startOfDay(for: local).timeIntervalSince1970)
    }

    static func dayText(_ day: Int64) -> String {
        CivilDate(daysSinceEpoch: Int(day)).description
    }

    static func localDay(_ timestamp: Int64, _ calendar: Calendar) -> String {
        let parts = calendar.dateComponents(
            [.year, .month, .day], from: Date(timeIntervalSince1970: Double(timestamp)))
        return CivilDate(year: parts.year!, month: parts.month!, day: parts.day!).description
    }
}

/// A small seeded generator (SplitMix64), so a failing case replays from its seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
