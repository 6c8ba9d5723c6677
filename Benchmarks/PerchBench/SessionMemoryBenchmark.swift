import ArgumentParser
import Glibc
import PerchCore
import PerchIngest

/// `perch-bench sessions`: heap bytes per cached session. Records pageviews of distinct visitors
/// with a realistic spread of pages, referrers, places and browsers into a session cache, and
/// divides the growth of resident memory by the sessions held. The reference line is the
/// same sessions kept unpacked in a plain dictionary, as the cache held them before issue 11.
struct SessionMemoryBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions",
        abstract: "Heap bytes per cached session, against the same sessions unpacked."
    )

    @Option(help: "Distinct visitors recorded.")
    var visitors: Int = 500_000

    @Option(help: "The cache's bound (--max-sessions).")
    var maxSessions: Int = SessionCache.defaultMaxSessions

    func run() throws {
        let drafts = (0..<visitors).lazy.map(Self.draft)
        let before = Self.heapBytes()
        let cache = SessionCache(maxSessions: maxSessions)
        for draft in drafts {
            _ = cache.record(draft, previousUserID: nil, isPageview: true, isEngagement: false) { $0 }
        }
        let packed = Self.heapBytes() - before
        let held = cache.count
        print("packed: \(held) sessions held (\(cache.evictions) evicted), \(packed / max(held, 1)) heap bytes each")

        let start = Self.heapBytes()
        var plain: [SessionKey: SessionRecord] = [:]
        for draft in drafts.prefix(held) {
            var event = draft
            event.sessionID = UInt64(draft.userID)
            plain[SessionKey(siteID: draft.siteID, userID: draft.userID)] = .started(by: event, isPageview: true)
        }
        let unpacked = Self.heapBytes() - start
        print("reference (unpacked SessionRecord dictionary): \(unpacked / max(plain.count, 1)) heap bytes each")
        withExtendedLifetime((cache, plain)) {}
    }

    /// Resident bytes of the process (`/proc/self/statm`): the heap grows monotonically here, so
    /// the difference is what the sessions took, allocator overhead included.
    private static func heapBytes() -> Int {
        guard let file = fopen("/proc/self/statm", "r") else { return 0 }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 128)
        guard fgets(&line, Int32(line.count), file) != nil else { return 0 }
        let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let fields = text.split(separator: " ").compactMap { Int($0) }
        return fields.count >= 2 ? fields[1] * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
    }

    private static let pages = [
        "/", "/pricing", "/blog/", "/blog/swift-on-the-server-part-two", "/docs/getting-started/install",
        "/docs/api#events", "/about", "/careers/senior-backend-engineer", "/contact", "/changelog/2026-11",
    ]
    private static let sources: [(referrer: String, source: String, channel: String)] = [
        ("", "", "Direct"), ("https://www.google.com/", "Google", "Organic Search"),
        ("https://news.ycombinator.com/item?id=42424242", "Hacker News", "Organic Social"),
        ("https://duckduckgo.com/", "DuckDuckGo", "Organic Search"), ("", "", "Direct"),
    ]
    private static let places = [("US", "US-CA", 5_391_959), ("DE", "DE-BE", 2_950_159), ("FR", "FR-IDF", 2_988_507)]
    private static let devices = [
        ("Desktop", "Windows", "10", "Chrome", "131.0"), ("Mobile", "iOS", "18.1", "Safari", "18.1"),
        ("Desktop", "Mac", "10.15", "Firefox", "133.0"), ("Mobile", "Android", "14", "Chrome", "131.0"),
    ]

    private static func draft(_ index: Int) -> EventRecord {
        var visit = VisitAttributes()
        let source = sources[index % sources.count]
        visit.referrer = source.referrer
        visit.referrerSource = source.source
        visit.acquisitionChannel = source.channel
        if index % 7 == 0 {
            visit.utmSource = "newsletter"
            visit.utmMedium = "email"
            visit.utmCampaign = "november-\(index % 12)"
        }
        let place = places[index % places.count]
        visit.countryCode = place.0
        visit.subdivision1Code = place.1
        visit.cityGeonameID = UInt32(place.2)
        let device = devices[index % devices.count]
        (visit.screenSize, visit.operatingSystem, visit.operatingSystemVersion) = (device.0, device.1, device.2)
        (visit.browser, visit.browserVersion) = (device.3, device.4)
        return EventRecord(
            timestamp: 1_767_780_000 + Int64(index / 1_000), name: "pageview", siteID: Int64(1 + index % 20),
            userID: UInt64(index) &* 0x9E37_79B9_7F4A_7C15 | 1, sessionID: 0, hostname: "bench-\(index % 20).test",
            pathname: pages[index % pages.count], visit: visit, props: [], interactive: true)
    }
}
