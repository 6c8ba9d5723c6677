import Foundation
import PerchCore
import PerchStats

/// One site of a generated world, as registered in the store.
package struct WorldSite {
    package var id: Int64
    package var domain: String
    package var zone: String
    package var goals: [Goal]

    package var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone)!
        return calendar
    }
}

/// A random multi-site event stream and the session rows the store keeps for it (spec §9),
/// built the way ingestion would: events carry their session's visit attributes, engagement
/// events never extend a session, a session's entry page is its first pageview.
package struct PropertyWorld {
    package var sites: [WorldSite]
    package var events: [EventRecord]
    package var sessions: [SessionRecord]
    /// "Now" for relative date ranges.
    package var now: Int64

    package static let zones = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"]
    package static let paths = ["/", "/a", "/a/b", "/A", "/blog", "/blog/Post-1", "/blog/post-2/x"]
    package static let customNames = ["Signup", "Purchase", "Download"]
    package static let propValues = ["plan": ["free", "Pro", "team"], "author": ["ann", "Bob"], "kind": ["x", "y"]]
    package static let sources = ["", "Google", "Twitter", "example.org"]
    package static let countries = ["DE", "US", "IN", "AU"]
    package static let browsers = ["", "Firefox", "Chrome", "Safari"]
    /// 2025-03-01 00:00 UTC; the 45 days after it cross the US, EU and Lord Howe DST changes.
    package static let base: Int64 = 1_740_787_200
    package static let days: Int64 = 45

    package static func generate(_ random: inout SplitMix64) -> PropertyWorld {
        var zones = Self.zones
        var sites: [WorldSite] = []
        for index in 0..<(2 + random.below(3)) {
            let zone = zones.remove(at: random.below(zones.count))
            sites.append(
                WorldSite(id: Int64(index + 1), domain: "s\(index + 1).example", zone: zone, goals: goals(&random)))
        }
        var world = PropertyWorld(
            sites: sites, events: [], sessions: [],
            now: base + (12 + Int64(random.below(32))) * 86_400 + Int64(random.below(86_400)))
        for site in sites {
            // The same user ids on every site: rows of another site must not leak in by user id.
            for user in 1...UInt64(3 + random.below(12)) {
                for number in 0..<UInt64(1 + random.below(4)) {
                    world.addSession(
                        site: site, id: UInt64(site.id) * 100_000 + user * 100 + number, user: user, &random)
                }
            }
        }
        return world
    }

    /// Event goals (one with a revenue currency, sometimes two currencies), exact and wildcard page goals.
    package static func goals(_ random: inout SplitMix64) -> [Goal] {
        var goals: [Goal] = []
        if random.chance(70) { goals.append(.event("Signup")) }
        if random.chance(75) { goals.append(.event("Purchase", currency: random.chance(80) ? "EUR" : nil)) }
        if random.chance(40) { goals.append(.event("Download", currency: random.chance(20) ? "USD" : nil)) }
        if random.chance(50) { goals.append(.page("/a")) }
        if random.chance(50) { goals.append(.page("/blog/**")) }
        if random.chance(40) { goals.append(.page("/a/*")) }
        return goals
    }

    package mutating func addSession(site: WorldSite, id: UInt64, user: UInt64, _ random: inout SplitMix64) {
        var time: Int64
        switch random.below(20) {
        case 0..<7:
            // Just before a local midnight, so the session crosses it.
            let day = Date(timeIntervalSince1970: Double(Self.base + Int64(random.below(Int(Self.days))) * 86_400))
            let midnight = site.calendar.startOfDay(for: day).timeIntervalSince1970
            time = Int64(midnight) + 86_400 - Int64(random.below(3600))
        case 7..<14:
            // Around "now", so `day` and `7d` have data.
            time = now - Int64(random.below(8 * 86_400)) + 43_200
        default:
            time = Self.base + Int64(random.below(Int(Self.days * 86_400)))
        }
        var visit = VisitAttributes()
        visit.referrerSource = random.pick(Self.sources)
        visit.countryCode = random.pick(Self.countries)
        visit.browser = random.pick(Self.browsers)
        var own: [EventRecord] = []
        for index in 0..<(1 + random.below(6)) {
            let pageview = index == 0 ? random.chance(80) : random.chance(60)
            let name = pageview ? "pageview" : random.pick(Self.customNames)
            var event = EventRecord(
                timestamp: time, name: name, siteID: site.id, userID: user, sessionID: id, hostname: site.domain,
                pathname: random.pick(Self.paths), visit: visit, props: Self.props(&random))
            if name == "Purchase", random.chance(70) {
                let amount = MilliAmount(thousandths: Int64(1 + random.below(60_000)))
                event.revenue = Revenue(
                    sourceAmount: amount, sourceCurrency: "EUR", reportingAmount: random.chance(85) ? amount : nil,
                    reportingCurrency: "EUR")
            }
            own.append(event)
            if pageview, random.chance(30) {
                // An engagement ping at its pageview's second: counted nowhere but in the raw rows.
                var engagement = event
                engagement.name = "engagement"
                engagement.scrollDepth = 40
                engagement.engagementTime = 2000
                own.append(engagement)
            }
            time += Int64(random.below(1800))
        }
        events += own
        sessions.append(Self.session(own, site: site, id: id, user: user, visit: visit))
    }

    package static func props(_ random: inout SplitMix64) -> [Prop] {
        var props: [Prop] = []
        for key in propValues.keys.sorted() where random.chance(35) {
            props.append(Prop(key: key, value: random.pick(propValues[key]!)))
        }
        return props
    }

    /// The session row ingestion leaves after the last event (spec §9).
    package static func session(
        _ own: [EventRecord], site: WorldSite, id: UInt64, user: UInt64, visit: VisitAttributes
    ) -> SessionRecord {
        let counted = own.filter { $0.name != "engagement" }
        let pageviews = counted.filter { $0.name == "pageview" }
        let start = counted[0].timestamp
        let end = counted[counted.count - 1].timestamp
        let bounce = counted[0].name == "pageview" && pageviews.count < 2 && pageviews.count == counted.count
        return SessionRecord(
            sessionID: id, siteID: site.id, userID: user, hostname: pageviews.isEmpty ? "" : site.domain,
            start: start, timestamp: end, isBounce: bounce, entryPage: pageviews.first?.pathname ?? "",
            exitPage: pageviews.last?.pathname ?? "", exitPageHostname: pageviews.isEmpty ? "" : site.domain,
            pageviews: Int32(pageviews.count), events: Int32(counted.count), duration: UInt32(end - start),
            visit: visit, entryProps: counted[0].props)
    }
}
