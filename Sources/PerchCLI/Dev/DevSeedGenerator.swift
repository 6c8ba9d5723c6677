import PerchCore
import PerchIngest

/// Realistic synthetic traffic for benchmarks of the read side (`perch dev seed`): sessions of
/// one to several pageviews over the last `days`, spread over sites with a long-tail popularity
/// (site k gets traffic ∝ 1/(k+1)), with common sources, channels, countries, devices and pages,
/// and a share of custom `Signup` events with a `plan` property. Deterministic for a seed.
struct DevSeedGenerator {
    private var random: SplitMix64
    private let siteIDs: [Int64]
    private let hostnames: [String]
    private let cumulativeWeights: [Double]
    private let now: Int64
    private let days: Int
    /// Sessions made so far: the low half of the next session id.
    private var sessionsMade: UInt32 = 0

    init(siteIDs: [Int64], hostnames: [String], now: Int64, days: Int, seed: UInt64) {
        random = SplitMix64(seed: seed)
        self.siteIDs = siteIDs
        self.hostnames = hostnames
        self.now = now
        self.days = max(1, days)
        var total = 0.0
        cumulativeWeights = siteIDs.indices.map { index in
            total += 1 / Double(index + 1)
            return total
        }
    }

    /// The events and the final state of one visit that starts on `day` (0 = the oldest of the
    /// `days`, each the 24 hours ending `days - day - 1` days before now).
    mutating func nextSession(day: Int) -> (events: [EventRecord], session: SessionRecord) {
        let site = pickSite()
        let userID = random.next()
        // Drawn as when session ids were random, so a seed still makes the same traffic.
        _ = random.next()
        let dayStart = now - Int64(days - day) * 86_400
        var timestamp = dayStart + Int64(random.next() % 86_400)
        // As the server makes them (`SessionIDGenerator`): the start second in the high half, so
        // ids grow with time; the low half counts sessions, so no two ids of a seed are equal.
        let sessionID = UInt64(UInt32(clamping: timestamp)) << 32 | UInt64(sessionsMade)
        sessionsMade &+= 1
        let visit = pickVisit()
        let pageviews = pageviewCount()
        var events: [EventRecord] = []
        var session: SessionRecord?
        for index in 0..<pageviews {
            if index > 0 { timestamp = min(now, timestamp + 10 + Int64(random.next() % 290)) }
            let page = Self.pages[Int(random.next() % UInt64(Self.pages.count))]
            let event = EventRecord(
                timestamp: timestamp, name: "pageview", siteID: siteIDs[site], userID: userID,
                sessionID: sessionID, hostname: hostnames[site], pathname: page, visit: visit)
            events.append(event)
            if session == nil {
                session = .started(by: event, isPageview: true)
            } else {
                session?.absorb(event, isPageview: true)
            }
            if random.next() % 20 == 0 {
                let plan = random.next() % 3 == 0 ? "pro" : "starter"
                let signup = EventRecord(
                    timestamp: timestamp, name: "Signup", siteID: siteIDs[site], userID: userID,
                    sessionID: sessionID, hostname: hostnames[site], pathname: page, visit: visit,
                    props: [Prop(key: "plan", value: plan)])
                events.append(signup)
                session?.absorb(signup, isPageview: false)
            }
        }
        return (events, session!)
    }

    private mutating func pickSite() -> Int {
        let target = Double(random.next() % 1_000_000) / 1_000_000 * cumulativeWeights.last!
        var low = 0
        var high = cumulativeWeights.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulativeWeights[middle] < target { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Geometric: about 45% bounces, a few long visits.
    private mutating func pageviewCount() -> Int {
        var count = 1
        while count < 12, random.next() % 100 < 55 { count += 1 }
        return count
    }

    private mutating func pickVisit() -> VisitAttributes {
        var visit = VisitAttributes()
        let source = Self.sources[Int(random.next() % UInt64(Self.sources.count))]
        visit.referrerSource = source.name
        visit.referrer = source.referrer
        visit.acquisitionChannel = source.channel
        let country = Self.countries[Int(random.next() % UInt64(Self.countries.count))]
        visit.countryCode = country.code
        visit.subdivision1Code = country.region
        visit.cityGeonameID = country.city
        let device = Self.devices[Int(random.next() % UInt64(Self.devices.count))]
        visit.browser = device.browser
        visit.browserVersion = device.version
        visit.operatingSystem = device.os
        visit.operatingSystemVersion = device.osVersion
        visit.screenSize = device.screen
        return visit
    }

    private static let pages = [
        "/", "/", "/", "/pricing", "/features", "/blog", "/blog/launch", "/blog/privacy-first-analytics",
        "/docs", "/docs/install", "/docs/api", "/about", "/contact", "/login", "/register", "/changelog",
    ]

    private static let sources: [(name: String, referrer: String, channel: String)] = [
        ("", "", "Direct"), ("", "", "Direct"), ("Google", "google.com", "Organic Search"),
        ("Google", "google.com", "Organic Search"), ("Bing", "bing.com", "Organic Search"),
        ("DuckDuckGo", "duckduckgo.com", "Organic Search"), ("Hacker News", "news.ycombinator.com", "Organic Social"),
        ("Reddit", "reddit.com", "Organic Social"), ("GitHub", "github.com", "Organic Social"),
        ("Newsletter", "", "Email"), ("example.org", "example.org/links", "Referral"),
    ]

    private static let countries: [(code: String, region: String, city: UInt32)] = [
        ("US", "US-CA", 5_391_959), ("US", "US-NY", 5_128_581), ("DE", "DE-BE", 2_950_159),
        ("GB", "GB-ENG", 2_643_743), ("FR", "FR-IDF", 2_988_507), ("IN", "IN-MH", 1_275_339),
        ("BR", "BR-SP", 3_448_439), ("EE", "EE-37", 588_409), ("", "", 0),
    ]

    private static let devices: [(browser: String, version: String, os: String, osVersion: String, screen: String)] = [
        ("Chrome", "131.0", "Windows", "10", "Desktop"), ("Chrome", "131.0", "Android", "14", "Mobile"),
        ("Safari", "18.1", "iOS", "18.1", "Mobile"), ("Safari", "18.1", "Mac", "10.15", "Desktop"),
        ("Firefox", "133.0", "GNU/Linux", "", "Desktop"), ("Microsoft Edge", "131.0", "Windows", "10", "Desktop"),
        ("Samsung Browser", "26.0", "Android", "14", "Mobile"), ("Safari", "17.6", "iPadOS", "17.6", "Tablet"),
    ]
}
