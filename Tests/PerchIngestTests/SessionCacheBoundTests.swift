import PerchCore
import PerchIngest
import Synchronization
import Testing

/// A store stand-in that keeps the newest state of every session written to it, as the writer
/// would, and answers the cache's lookups among the sessions the cache said it evicted, as the
/// SQLite store does.
final class RecordingArchive: SessionArchive {
    private let sessions = Mutex<[UInt64: SessionRecord]>([:])
    let evicted = Mutex<[EvictedSession]>([])
    let lookups = Mutex(0)

    func remember(_ evictions: [EvictedSession]) {
        evicted.withLock { $0.append(contentsOf: evictions) }
    }

    func keep(_ entry: JournalEntry) {
        guard let session = entry.session else { return }
        sessions.withLock { stored in
            if (stored[session.sessionID]?.events ?? 0) <= session.events { stored[session.sessionID] = session }
        }
    }

    func latestSession(siteID: Int64, userIDs: [UInt64], activeSince since: Int64) throws -> SessionRecord? {
        lookups.withLock { $0 += 1 }
        let ids = Set(evicted.withLock { $0.map(\.sessionID) })
        return sessions.withLock { stored in
            stored.values
                .filter { ids.contains($0.sessionID) }
                .filter { $0.siteID == siteID && userIDs.contains($0.userID) && $0.timestamp >= since }
                .max { $0.timestamp < $1.timestamp }
        }
    }
}

@Suite("Session cache: the bound, eviction and reload (issue 11)")
struct SessionCacheBoundTests {
    static let t0: Int64 = 1_767_780_000

    static func cache(max: Int, archive: RecordingArchive?, ids: SequentialIDs = SequentialIDs()) -> SessionCache {
        SessionCache(maxSessions: max, shardBits: 0, archive: archive, sessionIDs: { _ in ids.next() })
    }

    @discardableResult
    static func record(
        _ cache: SessionCache, _ draft: EventRecord, archive: RecordingArchive?, previous: UInt64? = nil
    ) throws -> JournalEntry {
        let entry = try cache.record(
            draft, previousUserID: previous, isPageview: draft.name == "pageview",
            isEngagement: draft.name == "engagement"
        ) { $0 }.get()
        archive?.keep(entry)
        return entry
    }

    @Test("the cache never holds more than its bound, and evicts the least recently active")
    func boundHolds() throws {
        let cache = Self.cache(max: 100, archive: nil)
        for visitor in 1...1_000 {
            try Self.record(
                cache, SessionHarness.draft(at: Self.t0 + Int64(visitor), user: UInt64(visitor)), archive: nil)
            #expect(cache.count <= 100)
        }
        #expect(cache.evictions >= 900)
        // The newest visitors are still there; the oldest are gone.
        #expect(cache.session(for: SessionKey(siteID: 1, userID: 1_000)) != nil)
        #expect(cache.session(for: SessionKey(siteID: 1, userID: 1)) == nil)
    }

    @Test("a visitor kept active survives a flood of new visitors")
    func activeVisitorSurvives() throws {
        let cache = Self.cache(max: 64, archive: nil)
        let first = try Self.record(cache, SessionHarness.draft(at: Self.t0, user: 7), archive: nil)
        for visitor in 100..<1_100 {
            let time = Self.t0 + Int64(visitor)
            try Self.record(cache, SessionHarness.draft(at: time, user: UInt64(visitor)), archive: nil)
            if visitor % 20 == 0 {
                try Self.record(cache, SessionHarness.draft(at: time, path: "/again", user: 7), archive: nil)
            }
        }
        let session = try #require(cache.session(for: SessionKey(siteID: 1, userID: 7)))
        #expect(session.sessionID == first.event.sessionID)
        #expect(session.pageviews == 51)
    }

    @Test("an evicted visitor who returns within 30 minutes continues the same session")
    func evictedVisitorContinues() throws {
        let archive = RecordingArchive()
        let cache = Self.cache(max: 50, archive: archive)
        let first = try Self.record(cache, SessionHarness.draft(at: Self.t0, path: "/a", user: 7), archive: archive)
        for visitor in 100..<600 {
            try Self.record(
                cache, SessionHarness.draft(at: Self.t0 + 1, user: UInt64(visitor)), archive: archive)
        }
        #expect(cache.session(for: SessionKey(siteID: 1, userID: 7)) == nil)
        // The cache told the archive which session it evicted, and every eviction it made.
        let told = archive.evicted.withLock { $0 }
        #expect(told.count == cache.evictions)
        #expect(
            told.filter { $0.userID == 7 } == [
                EvictedSession(siteID: 1, userID: 7, sessionID: first.event.sessionID, lastSeen: Self.t0)
            ])
        let back = try Self.record(
            cache, SessionHarness.draft(at: Self.t0 + 29 * 60, path: "/b", user: 7), archive: archive)
        #expect(back.event.sessionID == first.event.sessionID)
        let session = try #require(back.session)
        #expect(session.events == 2 && session.pageviews == 2 && !session.isBounce)
        #expect(session.entryPage == "/a" && session.exitPage == "/b")
        #expect(session.duration == 29 * 60)
        #expect(cache.reloads == 1)
    }

    @Test("without an archive an evicted visitor starts a new session, which is what reload prevents")
    func withoutArchiveTheVisitSplits() throws {
        let cache = Self.cache(max: 50, archive: nil)
        let first = try Self.record(cache, SessionHarness.draft(at: Self.t0, user: 7), archive: nil)
        for visitor in 100..<600 {
            try Self.record(cache, SessionHarness.draft(at: Self.t0 + 1, user: UInt64(visitor)), archive: nil)
        }
        let back = try Self.record(cache, SessionHarness.draft(at: Self.t0 + 60, user: 7), archive: nil)
        #expect(back.event.sessionID != first.event.sessionID)
    }

    @Test("an evicted visitor back after the idle timeout starts a new session")
    func evictedVisitorAfterTimeout() throws {
        let archive = RecordingArchive()
        let cache = Self.cache(max: 50, archive: archive)
        let first = try Self.record(cache, SessionHarness.draft(at: Self.t0, user: 7), archive: archive)
        for visitor in 100..<600 {
            try Self.record(cache, SessionHarness.draft(at: Self.t0 + 1, user: UInt64(visitor)), archive: archive)
        }
        let back = try Self.record(cache, SessionHarness.draft(at: Self.t0 + 31 * 60, user: 7), archive: archive)
        #expect(back.event.sessionID != first.event.sessionID)
    }

    @Test("an engagement event continues an evicted session without counting as an event")
    func engagementContinuesEvicted() throws {
        let archive = RecordingArchive()
        let cache = Self.cache(max: 50, archive: archive)
        let first = try Self.record(cache, SessionHarness.draft(at: Self.t0, user: 7), archive: archive)
        for visitor in 100..<600 {
            try Self.record(cache, SessionHarness.draft(at: Self.t0 + 1, user: UInt64(visitor)), archive: archive)
        }
        let engagement = try Self.record(
            cache, SessionHarness.draft("engagement", at: Self.t0 + 120, user: 7), archive: archive)
        #expect(engagement.event.sessionID == first.event.sessionID)
        #expect(engagement.session == nil)
        let cached = try #require(cache.session(for: SessionKey(siteID: 1, userID: 7)))
        #expect(cached.events == 1)
    }

    @Test("a session evicted under yesterday's salt continues under its old user id")
    func evictedUnderPreviousSalt() throws {
        let archive = RecordingArchive()
        let cache = SessionCache(maxSessions: 64, shardBits: 2, archive: archive)
        let first = try Self.record(cache, SessionHarness.draft(at: Self.t0, user: 7), archive: archive)
        for visitor in 100..<1_100 {
            try Self.record(cache, SessionHarness.draft(at: Self.t0 + 1, user: UInt64(visitor)), archive: archive)
        }
        #expect(cache.session(for: SessionKey(siteID: 1, userID: 7)) == nil)
        let back = try Self.record(
            cache, SessionHarness.draft(at: Self.t0 + 600, user: 9_999), archive: archive, previous: 7)
        #expect(back.event.sessionID == first.event.sessionID)
        #expect(back.event.userID == 7)
        #expect(cache.session(for: SessionKey(siteID: 1, userID: 7))?.events == 2)
    }

    @Test("new visitors cost no store lookup until something was evicted")
    func noLookupsWithoutEvictions() throws {
        let archive = RecordingArchive()
        let cache = Self.cache(max: 10_000, archive: archive)
        for visitor in 1...2_000 {
            try Self.record(cache, SessionHarness.draft(at: Self.t0, user: UInt64(visitor)), archive: archive)
        }
        #expect(archive.lookups.withLock { $0 } == 0)
    }

    @Test("warming past the bound keeps the most recently active sessions")
    func warmRespectsBound() {
        let cache = Self.cache(max: 32, archive: RecordingArchive())
        let sessions = (1...200).map { visitor in
            SessionRecord.started(
                by: {
                    var event = SessionHarness.draft(at: Self.t0 + Int64(visitor), user: UInt64(visitor))
                    event.sessionID = UInt64(visitor)
                    return event
                }(), isPageview: true)
        }
        cache.warm(with: sessions)
        #expect(cache.count <= 32)
        #expect(cache.session(for: SessionKey(siteID: 1, userID: 200)) != nil)
        #expect(cache.session(for: SessionKey(siteID: 1, userID: 1)) == nil)
    }

    @Test("a cached session reads back exactly as recorded, whatever its strings")
    func packedRoundTrip() throws {
        let pool = SessionStringPool(maxCount: 3, maxLength: 8)
        let cache = SessionCache(maxSessions: 1_000, shardBits: 1, strings: pool)
        var visit = VisitAttributes()
        visit.referrer = "https://news.example/ü?q=" + String(repeating: "x", count: 300)
        visit.referrerSource = "Hacker News"
        visit.utmMedium = "social"
        visit.utmCampaign = "launch 🚀"
        visit.countryCode = "FR"
        visit.subdivision1Code = "FR-IDF"
        visit.cityGeonameID = 2_988_507
        visit.screenSize = "Mobile"
        visit.operatingSystem = "iOS"
        visit.operatingSystemVersion = "17.4"
        visit.browser = "Safari"
        visit.browserVersion = "17.4"
        let props = [Prop(key: "plan", value: "pro"), Prop(key: "", value: ""), Prop(key: "k😀", value: "v")]
        for (index, path) in ["/", "/a", String(repeating: "/deep", count: 100)].enumerated() {
            var draft = SessionHarness.draft(
                at: Self.t0 + Int64(index), path: path, user: UInt64(index + 1), props: props)
            draft.visit = visit
            let entry = try cache.record(draft, previousUserID: nil, isPageview: true, isEngagement: false) { $0 }.get()
            let key = SessionKey(siteID: 1, userID: UInt64(index + 1))
            #expect(cache.session(for: key) == entry.session)
            var next = SessionHarness.draft(
                at: Self.t0 + 90, path: "/next", host: "www.example.com", user: UInt64(index + 1))
            next.visit = VisitAttributes()
            let later = try cache.record(next, previousUserID: nil, isPageview: true, isEngagement: false) { $0 }.get()
            #expect(later.event.visit == visit)
            #expect(cache.session(for: key) == later.session)
            #expect(later.session?.exitPageHostname == "www.example.com" && later.session?.hostname == "example.com")
        }
        #expect(pool.count == 3)
    }
}

@Suite("Evicted-session filter")
struct EvictedSessionFilterTests {
    @Test("no false negatives within the idle span, forgotten after it")
    func span() {
        let filter = EvictedSessionFilter(bitsPerGeneration: 1 << 16)
        let t0: Int64 = 1_767_780_000
        #expect(filter.isEmpty)
        let keys = (1...2_000).map { SessionKey(siteID: 3, userID: UInt64($0) &* 0x9E37_79B9) }
        for (index, key) in keys.enumerated() { filter.insert(key, lastSeen: t0 + Int64(index % 300)) }
        #expect(!filter.isEmpty)
        for key in keys {
            #expect(filter.mightContain(key, at: t0 + 300 + 31 * 60))
        }
        let strangers = (1...2_000).map { SessionKey(siteID: 4, userID: UInt64($0)) }
        let falsePositives = strangers.count { filter.mightContain($0, at: t0 + 400) }
        #expect(falsePositives < 40)
        // Generations older than the span are not searched, and are reused.
        #expect(!keys.contains { filter.mightContain($0, at: t0 + 3 * 3_600) })
    }
}
