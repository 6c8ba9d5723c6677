import PerchCore
import PerchJournal
import PerchStats

/// Journal entries for the Stats comparison: 48 visits of one site over three days, with returning
/// visitors, sources, countries, entry props, goals, revenue and engagement pings, and values
/// that need escaping (quotes, backslashes, non-ASCII). Deterministic: no random source.
enum StatsComparisonWorld {
    static let siteID: Int64 = 1
    static let domain = "cmp.example"
    static let timezone = "Europe/Berlin"
    /// 2026-03-27 00:00 UTC: the visits run over the change to summer time (2026-03-29).
    static let start: Int64 = 1_774_569_600
    /// 2026-03-31 12:00 UTC.
    static let now: Int64 = 1_774_958_400
    static let goals: [Goal] = [.event("Signup"), .page("/blog/**"), .event("Purchase", currency: "EUR")]

    static let sources = ["", "Google", "Twitter", "It's \\ odd"]
    static let countries = ["EE", "DE", "", "US"]
    static let browsers = ["Firefox", "Chrome", ""]
    static let paths = ["/", "/about", "/blog/a", "/blog/b/c", "/pricing", "/Café"]

    /// Every entry, in time order across visits, numbered from 1 like a journal.
    static func journal() -> [SequencedEntry] {
        let entries = (0..<48).flatMap(visit).sorted { $0.event.timestamp < $1.event.timestamp }
        return entries.enumerated().map { SequencedEntry(sequence: UInt64($0.offset + 1), entry: $0.element) }
    }

    /// Visit `number`: 1 to 4 pageviews (each but the last followed by an engagement ping), and for
    /// some a Signup or a Purchase.
    static func visit(_ number: Int) -> [JournalEntry] {
        let userID = UInt64(number % 31 + 1) << 40
        let sessionID = UInt64(10_000 + number)
        var visit = VisitAttributes()
        visit.referrerSource = sources[number % sources.count]
        visit.countryCode = countries[(number / 2) % countries.count]
        visit.browser = browsers[number % browsers.count]
        visit.operatingSystem = number.isMultiple(of: 5) ? "Linux" : "Mac"
        visit.screenSize = "Desktop"
        let begin = start + Int64(number) * 6_700 + Int64(number % 7) * 60
        let pages = (0...(number % 4)).map { paths[(number + $0 * 3) % paths.count] }
        var session = SessionRecord(
            sessionID: sessionID, siteID: siteID, userID: userID, hostname: domain, start: begin, timestamp: begin,
            isBounce: true, entryPage: pages[0], exitPage: pages[0], exitPageHostname: domain, pageviews: 0,
            events: 0, duration: 0, visit: visit,
            entryProps: number.isMultiple(of: 3) ? [Prop(key: "ref 'x'", value: "v\(number % 2)")] : [])
        var entries: [JournalEntry] = []
        var time = begin
        func add(_ name: String, _ path: String, props: [Prop] = [], revenue: Revenue? = nil, depth: UInt8 = 0) {
            var event = EventRecord(
                timestamp: time, name: name, siteID: siteID, userID: userID, sessionID: sessionID, hostname: domain,
                pathname: path, visit: visit)
            event.props = props
            event.revenue = revenue
            event.scrollDepth = depth
            if name == "engagement" { event.engagementTime = UInt32(1_000 + number * 10) }
            if name != "engagement" {
                session.timestamp = time
                session.events += 1
                session.duration = UInt32(time - begin)
                if name == "pageview" {
                    session.pageviews += 1
                    session.exitPage = path
                }
                session.isBounce = session.pageviews < 2 && name == "pageview"
            }
            // An engagement ping leaves its session as it was, as ingestion does.
            entries.append(
                JournalEntry(event: event, session: name == "engagement" ? nil : session, idempotencyKey: nil))
            time += Int64(20 + number % 50)
        }
        for (index, page) in pages.enumerated() {
            add("pageview", page, props: number.isMultiple(of: 4) ? [Prop(key: "plan", value: "pro")] : [])
            if index < pages.count - 1 { add("engagement", page, depth: UInt8(20 + (number * 7 + index) % 90)) }
        }
        if number % 5 == 1 {
            add(
                "Signup", pages.last!,
                props: [
                    Prop(key: "plan", value: number % 2 == 0 ? "free" : "pro"),
                    Prop(key: "ref 'x'", value: "v\(number % 3)"),
                ])
        }
        if number % 6 == 2 {
            let amount = MilliAmount(thousandths: Int64(1_000 * number + 250))
            add(
                "Purchase", "/pricing",
                revenue: Revenue(
                    sourceAmount: amount, sourceCurrency: "EUR", reportingAmount: amount, reportingCurrency: "EUR"))
        }
        return entries
    }
}
