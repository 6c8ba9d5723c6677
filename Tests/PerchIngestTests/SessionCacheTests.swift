import PerchCore
import PerchIngest
import Synchronization
import Testing

/// Session ids 1, 2, 3, … so tests can name them.
final class SequentialIDs: Sendable {
    private let last = Mutex<UInt64>(0)
    func next() -> UInt64 {
        last.withLock {
            $0 += 1; return $0
        }
    }
}

final class SeenCounts: Sendable {
    let values = Mutex<[Int32]>([])
}

struct SessionHarness {
    let ids = SequentialIDs()
    let cache: SessionCache

    init(shardBits: Int = 6) {
        let ids = self.ids
        cache = SessionCache(shardBits: shardBits, sessionIDs: { _ in ids.next() })
    }

    static func visit(_ source: String) -> VisitAttributes {
        var visit = VisitAttributes()
        visit.referrerSource = source
        visit.countryCode = "DE"
        visit.browser = "Firefox"
        return visit
    }

    static func draft(
        _ name: String = "pageview", at time: Int64, path: String = "/", host: String = "example.com",
        site: Int64 = 1, user: UInt64 = 42, interactive: Bool = true, source: String = "Google",
        props: [Prop] = []
    ) -> EventRecord {
        EventRecord(
            timestamp: time, name: name, siteID: site, userID: user, sessionID: 0, hostname: host,
            pathname: path, visit: visit(source), props: props, interactive: interactive)
    }

    @discardableResult
    func record(_ draft: EventRecord, previous: UInt64? = nil) -> Result<JournalEntry, DropReason> {
        cache.record(
            draft, previousUserID: previous, isPageview: draft.name == "pageview",
            isEngagement: draft.name == "engagement"
        ) { $0 }
    }

    @discardableResult
    func entry(_ draft: EventRecord, previous: UInt64? = nil) throws -> JournalEntry {
        try record(draft, previous: previous).get()
    }
}

@Suite("Session cache: creating and updating sessions (spec §9)")
struct SessionCacheTests {
    static let t0: Int64 = 1_767_780_000

    @Test("a pageview starts a session with its own values")
    func newPageviewSession() throws {
        let harness = SessionHarness()
        let props = [Prop(key: "plan", value: "pro")]
        let entry = try harness.entry(SessionHarness.draft(at: Self.t0, path: "/pricing", props: props))
        let session = try #require(entry.session)
        #expect(session.sessionID == 1)
        #expect(session.siteID == 1 && session.userID == 42)
        #expect(session.start == Self.t0 && session.timestamp == Self.t0)
        #expect(session.duration == 0 && session.events == 1 && session.pageviews == 1)
        #expect(session.entryPage == "/pricing" && session.exitPage == "/pricing")
        #expect(session.hostname == "example.com" && session.exitPageHostname == "example.com")
        #expect(session.isBounce)
        #expect(session.visit == SessionHarness.visit("Google"))
        #expect(session.entryProps == props)
        #expect(entry.event.sessionID == 1 && entry.event.userID == 42)
        #expect(entry.event.pathname == "/pricing" && entry.event.props == props)
    }

    @Test(
        "a custom event starts a session without pages; bounce unless interactive",
        arguments: [(true, false), (false, true)])
    func newCustomSession(interactive: Bool, bounce: Bool) throws {
        let harness = SessionHarness()
        let entry = try harness.entry(SessionHarness.draft("Signup", at: Self.t0, path: "/a", interactive: interactive))
        let session = try #require(entry.session)
        #expect(session.pageviews == 0 && session.events == 1)
        #expect(session.entryPage == "" && session.exitPage == "")
        #expect(session.hostname == "" && session.exitPageHostname == "")
        #expect(session.isBounce == bounce)
    }

    @Test("a second pageview updates counters, exit page, bounce and duration; the row gets the session's visit")
    func twoPageviews() throws {
        let harness = SessionHarness()
        let first = try harness.entry(SessionHarness.draft(at: Self.t0, path: "/"))
        let second = try harness.entry(
            SessionHarness.draft(at: Self.t0 + 75, path: "/docs", host: "docs.example.com", source: "Bing"))
        let session = try #require(second.session)
        #expect(session.sessionID == first.event.sessionID)
        #expect(session.events == 2 && session.pageviews == 2)
        #expect(session.entryPage == "/" && session.hostname == "example.com")
        #expect(session.exitPage == "/docs" && session.exitPageHostname == "docs.example.com")
        #expect(!session.isBounce)
        #expect(session.start == Self.t0 && session.timestamp == Self.t0 + 75 && session.duration == 75)
        #expect(session.visit.referrerSource == "Google")
        #expect(second.event.visit.referrerSource == "Google")
        #expect(second.event.sessionID == first.event.sessionID)
    }

    @Test("custom event first, then a pageview: entry page is the first pageview's")
    func customThenPageview() throws {
        let harness = SessionHarness()
        try harness.entry(SessionHarness.draft("Outbound Link: Click", at: Self.t0, path: "/x"))
        let entry = try harness.entry(SessionHarness.draft(at: Self.t0 + 5, path: "/landing", host: "a.example.com"))
        let session = try #require(entry.session)
        #expect(session.entryPage == "/landing" && session.hostname == "a.example.com")
        #expect(session.exitPage == "/landing" && session.pageviews == 1 && session.events == 2)
    }

    @Test("a custom event does not change the exit page")
    func customKeepsExitPage() throws {
        let harness = SessionHarness()
        try harness.entry(SessionHarness.draft(at: Self.t0, path: "/a"))
        let entry = try harness.entry(SessionHarness.draft("Download", at: Self.t0 + 9, path: "/b", host: "b.example"))
        let session = try #require(entry.session)
        #expect(session.exitPage == "/a" && session.exitPageHostname == "example.com")
        #expect(session.pageviews == 1 && session.events == 2)
    }

    @Test("duration is |event − start| for out-of-order events; start never changes")
    func outOfOrderDuration() throws {
        let harness = SessionHarness()
        try harness.entry(SessionHarness.draft(at: Self.t0 + 100))
        let early = try #require(try harness.entry(SessionHarness.draft(at: Self.t0 + 40)).session)
        #expect(early.start == Self.t0 + 100 && early.duration == 60 && early.timestamp == Self.t0 + 40)
        let late = try #require(try harness.entry(SessionHarness.draft(at: Self.t0 + 160)).session)
        #expect(late.start == Self.t0 + 100 && late.duration == 60 && late.events == 3)
    }

    @Test(
        "reuse iff whole minutes since last seen, truncated, are at most 30",
        arguments: [(30 * 60 + 59, true), (31 * 60, false), (-45 * 60, true), (0, true)] as [(Int64, Bool)])
    func idleTimeout(gap: Int64, reused: Bool) throws {
        let harness = SessionHarness()
        let first = try harness.entry(SessionHarness.draft(at: Self.t0))
        let next = try harness.entry(SessionHarness.draft(at: Self.t0 + gap))
        #expect((next.event.sessionID == first.event.sessionID) == reused)
        #expect(next.session?.events == (reused ? 2 : 1))
    }

    @Test("a non-interactive custom event does not un-bounce; an interactive one does")
    func bounceRules() throws {
        let harness = SessionHarness()
        try harness.entry(SessionHarness.draft(at: Self.t0))
        let quiet = try harness.entry(SessionHarness.draft("Scrolled", at: Self.t0 + 1, interactive: false))
        #expect(quiet.session?.isBounce == true)
        let loud = try harness.entry(SessionHarness.draft("Signup", at: Self.t0 + 2))
        #expect(loud.session?.isBounce == false)
        let after = try harness.entry(SessionHarness.draft("Scrolled", at: Self.t0 + 3, interactive: false))
        #expect(after.session?.isBounce == false)
    }

    @Test("after a non-interactive start, one pageview keeps the bounce and a second ends it")
    func onePageviewIsABounce() throws {
        let harness = SessionHarness()
        let start = try harness.entry(SessionHarness.draft("Autoplay", at: Self.t0, interactive: false))
        #expect(start.session?.isBounce == true)
        let first = try harness.entry(SessionHarness.draft(at: Self.t0 + 1, path: "/a"))
        #expect(first.session?.isBounce == true && first.session?.entryPage == "/a")
        let second = try harness.entry(SessionHarness.draft(at: Self.t0 + 2, path: "/b"))
        #expect(second.session?.isBounce == false)
    }

    @Test("a non-interactive pageview still counts toward two pageviews")
    func nonInteractivePageviews() throws {
        let harness = SessionHarness()
        try harness.entry(SessionHarness.draft(at: Self.t0, interactive: false))
        let second = try harness.entry(SessionHarness.draft(at: Self.t0 + 1, interactive: false))
        #expect(second.session?.isBounce == false)
    }

    @Test("sessions are per site: one user id on two sites has two sessions")
    func perSite() throws {
        let harness = SessionHarness()
        let a = try harness.entry(SessionHarness.draft(at: Self.t0, site: 1))
        let b = try harness.entry(SessionHarness.draft(at: Self.t0, site: 2))
        #expect(a.event.sessionID != b.event.sessionID)
        #expect(harness.cache.count == 2)
    }
}

@Suite("Session cache: engagement, salts, restart and expiry (spec §4.7, §8, §9)")
struct SessionCacheLifecycleTests {
    static let t0 = SessionCacheTests.t0
    static let minute: Int64 = 60

    @Test("an engagement event without a live session is dropped")
    func engagementWithoutSession() {
        let harness = SessionHarness()
        let result = harness.record(SessionHarness.draft("engagement", at: Self.t0))
        #expect(result == .failure(.noSessionForEngagement))
        #expect(harness.cache.count == 0)
    }

    @Test("an engagement event after the idle timeout is dropped")
    func engagementAfterTimeout() throws {
        let harness = SessionHarness()
        try harness.entry(SessionHarness.draft(at: Self.t0))
        let result = harness.record(SessionHarness.draft("engagement", at: Self.t0 + 31 * Self.minute))
        #expect(result == .failure(.noSessionForEngagement))
    }

    @Test("an engagement event gets the session's ids and visit but leaves the session as it was")
    func engagementLeavesSession() throws {
        let harness = SessionHarness()
        let first = try harness.entry(SessionHarness.draft(at: Self.t0, path: "/a"))
        let engagement = try harness.entry(
            SessionHarness.draft("engagement", at: Self.t0 + 600, path: "/a", source: "Bing"))
        #expect(engagement.session == nil)
        #expect(engagement.event.sessionID == first.event.sessionID)
        #expect(engagement.event.userID == 42)
        #expect(engagement.event.visit.referrerSource == "Google")
        #expect(engagement.event.timestamp == Self.t0 + 600)
        #expect(harness.cache.session(for: SessionKey(siteID: 1, userID: 42)) == first.session)
    }

    @Test("engagements keep a session alive without counting: a pageview 80 min later continues it (quirk 10)")
    func engagementsKeepAlive() throws {
        let harness = SessionHarness()
        let first = try harness.entry(SessionHarness.draft(at: Self.t0))
        for offset in [20, 40, 60] as [Int64] {
            try harness.entry(SessionHarness.draft("engagement", at: Self.t0 + offset * Self.minute))
        }
        let cached = harness.cache.session(for: SessionKey(siteID: 1, userID: 42))
        #expect(cached?.events == 1 && cached?.timestamp == Self.t0 && cached?.duration == 0)
        let later = try harness.entry(SessionHarness.draft(at: Self.t0 + 80 * Self.minute, path: "/b"))
        let session = try #require(later.session)
        #expect(session.sessionID == first.event.sessionID)
        #expect(session.duration == 4800 && session.events == 2 && session.pageviews == 2)
    }

    @Test("without the engagements the same pageview starts a new session")
    func noEngagementsNoKeepAlive() throws {
        let harness = SessionHarness()
        let first = try harness.entry(SessionHarness.draft(at: Self.t0))
        let later = try harness.entry(SessionHarness.draft(at: Self.t0 + 80 * Self.minute))
        #expect(later.event.sessionID != first.event.sessionID)
    }

    @Test("a session found under the previous salt keeps its user id", arguments: [0, 6])
    func previousSaltLookup(shardBits: Int) throws {
        let harness = SessionHarness(shardBits: shardBits)
        for pair in UInt64(1)...20 {
            let old = pair * 1000, new = pair * 1000 + 1
            let first = try harness.entry(SessionHarness.draft(at: Self.t0, user: old))
            let next = try harness.entry(SessionHarness.draft(at: Self.t0 + 60, user: new), previous: old)
            #expect(next.event.sessionID == first.event.sessionID)
            #expect(next.event.userID == old && next.session?.userID == old)
            #expect(next.session?.events == 2)
            let engagement = try harness.entry(
                SessionHarness.draft("engagement", at: Self.t0 + 90, user: new),
                previous: old)
            #expect(engagement.event.sessionID == first.event.sessionID && engagement.event.userID == old)
        }
        #expect(harness.cache.count == 20)
    }

    @Test("the current-salt session wins over a previous-salt one")
    func currentFirst() throws {
        let harness = SessionHarness()
        try harness.entry(SessionHarness.draft(at: Self.t0, user: 7))
        let current = try harness.entry(SessionHarness.draft(at: Self.t0, user: 8))
        let next = try harness.entry(SessionHarness.draft(at: Self.t0 + 5, user: 8), previous: 7)
        #expect(next.event.sessionID == current.event.sessionID && next.event.userID == 8)
    }

    @Test("warm-up after a restart continues the stored session")
    func warmUp() throws {
        let before = SessionHarness()
        var stored = try #require(try before.entry(SessionHarness.draft(at: Self.t0, path: "/a")).session)
        stored.sessionID = 500

        let after = SessionHarness()
        after.cache.warm(with: [stored])
        let next = try after.entry(SessionHarness.draft(at: Self.t0 + 20 * Self.minute, path: "/b"))
        #expect(next.event.sessionID == stored.sessionID)
        #expect(next.session?.events == 2 && next.session?.entryPage == "/a" && next.session?.exitPage == "/b")
        #expect(next.event.visit == stored.visit)
    }

    @Test("warm-up takes a later last-seen time (engagements replayed) and keeps the newest state")
    func warmUpLastSeen() throws {
        let harness = SessionHarness()
        var stored = try #require(try SessionHarness().entry(SessionHarness.draft(at: Self.t0)).session)
        stored.sessionID = 500
        var older = stored
        older.sessionID = 99
        older.timestamp = Self.t0 - 600
        harness.cache.warm(with: [older, stored, older], lastSeen: { $0.timestamp + 25 * Self.minute })
        let next = try harness.entry(SessionHarness.draft(at: Self.t0 + 50 * Self.minute))
        #expect(next.event.sessionID == stored.sessionID)
        #expect(next.session?.duration == 3000)
    }

    @Test("eviction removes only sessions no later event could reuse")
    func eviction() throws {
        let harness = SessionHarness()
        try harness.entry(SessionHarness.draft(at: Self.t0, user: 1))
        try harness.entry(SessionHarness.draft(at: Self.t0 + 10 * Self.minute, user: 2))
        try harness.entry(SessionHarness.draft(at: Self.t0, user: 3))
        try harness.entry(SessionHarness.draft("engagement", at: Self.t0 + 10 * Self.minute, user: 3))
        #expect(harness.cache.evictExpired(nowSeconds: Self.t0 + 31 * Self.minute - 1) == 0)
        #expect(harness.cache.evictExpired(nowSeconds: Self.t0 + 31 * Self.minute) == 1)
        #expect(harness.cache.count == 2)
        #expect(harness.cache.session(for: SessionKey(siteID: 1, userID: 1)) == nil)
        #expect(harness.cache.evictExpired(nowSeconds: Self.t0 + 41 * Self.minute) == 2)
        #expect(harness.cache.count == 0)
    }

    @Test("the body runs under the session's lock: concurrent events reach it in session order")
    func serialisedPerSession() async {
        let harness = SessionHarness()
        let seen = SeenCounts()
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<200 {
                group.addTask {
                    let draft = SessionHarness.draft(at: Self.t0 + Int64(index % 7))
                    harness.cache.record(draft, previousUserID: 41, isPageview: true, isEngagement: false) { result in
                        if case .success(let entry) = result, let events = entry.session?.events {
                            seen.values.withLock { $0.append(events) }
                        }
                    }
                }
            }
        }
        #expect(seen.values.withLock { $0 } == Array(1...200))
        #expect(harness.cache.count == 1)
    }
}
