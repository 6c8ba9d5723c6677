import PerchCore
import PerchJournal

/// Journal entries as ingestion makes them: visits of a few pages, each event followed by its
/// session's state after it, numbered 1, 2, 3, … like the journal.
enum Fixtures {
    static let start: Int64 = 1_790_000_000

    static func visitAttributes(_ seed: Int) -> VisitAttributes {
        var visit = VisitAttributes()
        visit.referrer = "https://ref\(seed).example/path?q=\"x\""
        visit.referrerSource = "Ref \(seed)"
        visit.utmMedium = "email"
        visit.utmSource = "newsletter"
        visit.utmCampaign = "spring é"
        visit.utmContent = "c"
        visit.utmTerm = "t"
        visit.clickIDParam = seed.isMultiple(of: 2) ? "gclid" : ""
        visit.acquisitionChannel = "Email"
        visit.countryCode = seed.isMultiple(of: 3) ? "" : "EE"
        visit.subdivision1Code = "EE-37"
        visit.subdivision2Code = ""
        visit.cityGeonameID = 588_409
        visit.screenSize = "Desktop"
        visit.operatingSystem = "GNU/Linux"
        visit.operatingSystemVersion = ""
        visit.browser = "Firefox"
        visit.browserVersion = "140.0"
        return visit
    }

    /// One visit: a pageview per path, then a custom event with props and revenue, at 10 s steps.
    static func visit(siteID: Int64, number: Int, paths: [String], at start: Int64 = start) -> [JournalEntry] {
        let userID = UInt64.max - UInt64(number)
        let sessionID = 0x8000_0000_0000_0000 + UInt64(number)
        let visit = visitAttributes(number)
        var session = SessionRecord(
            sessionID: sessionID, siteID: siteID, userID: userID, hostname: "site\(siteID).example", start: start,
            timestamp: start, isBounce: true, entryPage: paths[0], exitPage: paths[0],
            exitPageHostname: "site\(siteID).example", pageviews: 0, events: 0, duration: 0, visit: visit,
            entryProps: [Prop(key: "plan", value: "pro \(number)")])
        var entries: [JournalEntry] = []
        for (index, path) in (paths + ["(custom)"]).enumerated() {
            let time = start + Int64(index) * 10
            let custom = path == "(custom)"
            var event = EventRecord(
                timestamp: time, name: custom ? "Signup \"β\"" : "pageview", siteID: siteID, userID: userID,
                sessionID: sessionID, hostname: "site\(siteID).example", pathname: custom ? paths.last! : path,
                visit: visit)
            if custom {
                event.props = [Prop(key: "a", value: "1"), Prop(key: "path", value: "/x\ny")]
                event.revenue = Revenue(
                    sourceAmount: MilliAmount(thousandths: 12_345), sourceCurrency: "EUR",
                    reportingAmount: number.isMultiple(of: 2) ? MilliAmount(thousandths: -5) : nil,
                    reportingCurrency: number.isMultiple(of: 2) ? "USD" : "")
                event.interactive = number.isMultiple(of: 2)
            } else {
                event.scrollDepth = 255
            }
            session.timestamp = time
            session.events += 1
            session.duration = UInt32(time - start)
            if !custom {
                session.pageviews += 1
                session.exitPage = path
            }
            session.isBounce = session.pageviews < 2 && !(custom && event.interactive)
            entries.append(JournalEntry(event: event, session: session, idempotencyKey: custom ? "key-\(number)" : nil))
        }
        return entries
    }

    /// Several visits interleaved as they would arrive, numbered from 1.
    static func journal(visits: Int, siteID: Int64 = 7) -> [SequencedEntry] {
        let all = (1...visits).map { visit(siteID: siteID, number: $0, paths: ["/", "/about", "/p/\($0)"]) }
        var entries: [JournalEntry] = []
        for step in 0..<all.map(\.count).max()! {
            for visit in all where step < visit.count { entries.append(visit[step]) }
        }
        return entries.enumerated().map { SequencedEntry(sequence: UInt64($0.offset + 1), entry: $0.element) }
    }

    /// The newest state of each session in `entries`.
    static func finalSessions(_ entries: [SequencedEntry]) -> [UInt64: SessionRecord] {
        var states: [UInt64: SessionRecord] = [:]
        for entry in entries {
            if let session = entry.entry.session { states[session.sessionID] = session }
        }
        return states
    }
}
