import PerchCore
import Testing

@testable import PerchIngest

/// A cached session that goes on is packed again from its packed form (`PackedSession(absorbed:…)`),
/// copying the visit attributes and entry props as they are packed; it must unpack to exactly
/// what packing the whole session anew gives, whatever the pages, hostnames and strings.
@Suite struct PackedSessionTests {
    static let long = String(repeating: "long-value-", count: 8)

    /// Sessions as `SessionRecord.started(by:isPageview:)` makes them, over awkward values.
    static func sessions() -> [SessionRecord] {
        var visit = VisitAttributes()
        visit.referrer = "https://news.ycombinator.com/item?id=1"
        visit.referrerSource = "Hacker News"
        visit.utmCampaign = long
        visit.utmSource = "é-source"
        visit.countryCode = "DE"
        visit.cityGeonameID = 2_950_159
        visit.browser = "Firefox"
        visit.browserVersion = "133.0"
        visit.acquisitionChannel = "Organic Social"
        var sessions: [SessionRecord] = []
        for (hostname, pathname) in [("a.test", "/"), ("", ""), (long, "/\(long)"), ("a.test", "")] {
            for isPageview in [true, false] {
                for (visitAttributes, props) in [
                    (VisitAttributes(), [Prop]()),
                    (visit, [Prop(key: "plan", value: "pro"), Prop(key: long, value: long)]),
                ] {
                    let event = EventRecord(
                        timestamp: 1_000, name: isPageview ? "pageview" : "Signup", siteID: 3, userID: 77,
                        sessionID: 9, hostname: hostname, pathname: pathname, visit: visitAttributes, props: props)
                    sessions.append(SessionRecord.started(by: event, isPageview: isPageview))
                }
            }
        }
        return sessions
    }

    /// Later events: pageviews elsewhere, on the entry page, and custom events.
    static let later: [(hostname: String, pathname: String, isPageview: Bool)] = [
        ("a.test", "/pricing", true), ("a.test", "/", true), ("b.test", "/", true), ("", "", true),
        (long, "/\(long)", true), ("a.test", "/x", false),
    ]

    @Test func absorbingRepacksAsPackingAnew() {
        let pool = SessionStringPool()
        let key = SessionKey(siteID: 3, userID: 77)
        var checked = 0
        for session in Self.sessions() {
            for events in 1...3 {
                pool.withInterner { interner in
                    var packed = PackedSession(session, lastSeen: session.timestamp, interner: &interner)
                    var record = packed.record(key: key, interner: interner)
                    for step in 0..<events {
                        let next = Self.later[(step * 5 + events) % Self.later.count]
                        let event = EventRecord(
                            timestamp: record.timestamp + 60, name: next.isPageview ? "pageview" : "Signup",
                            siteID: 3, userID: 77, sessionID: record.sessionID, hostname: next.hostname,
                            pathname: next.pathname)
                        record.absorb(event, isPageview: next.isPageview)
                        let seen = event.timestamp + 5
                        let absorbed = PackedSession(
                            absorbed: record, into: packed, lastSeen: seen, interner: &interner)
                        let anew = PackedSession(record, lastSeen: seen, interner: &interner)
                        #expect(
                            absorbed.record(key: key, interner: interner) == anew.record(key: key, interner: interner))
                        #expect(absorbed.record(key: key, interner: interner) == record)
                        #expect(absorbed.lastSeen == seen)
                        packed = absorbed
                        record = packed.record(key: key, interner: interner)
                        checked += 1
                    }
                }
            }
        }
        #expect(checked == Self.sessions().count * 6)
    }
}
