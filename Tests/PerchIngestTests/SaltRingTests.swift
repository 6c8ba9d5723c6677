import PerchCore
import PerchIngest
import Testing

@Suite("Salt ring")
struct SaltRingTests {
    static let day: Int64 = 86_400
    /// 2026-01-07 00:00:00 UTC.
    static let day0: Int64 = 20_460 * day

    struct RefusingStore: SaltStore {
        let inner = InMemorySaltStore()
        let refuse: Bool
        func salts() throws -> [Salt] { try inner.salts() }
        func insert(_ salt: Salt) throws {
            if refuse { throw CancellationError() }
            try inner.insert(salt)
        }
        func deleteSalts(createdBefore cutoff: Int64) throws { try inner.deleteSalts(createdBefore: cutoff) }
    }

    @Test("an empty store gets one salt at start, with no previous")
    func createsFirstSalt() throws {
        let store = InMemorySaltStore()
        let ring = try SaltRing(store: store, clock: ManualWallClock(seconds: Self.day0 + 3600))
        let salts = ring.salts()
        #expect(try store.salts() == [salts.current])
        #expect(salts.current.createdAt == Self.day0 + 3600)
        #expect(salts.current.bytes.count == 16)
        #expect(salts.previous == nil)
    }

    @Test("stored salts are loaded: the newest is current, the one before it previous")
    func loadsExisting() throws {
        let old = Salt(bytes: Array(repeating: 1, count: 16), createdAt: Self.day0 - Self.day)
        let newer = Salt(bytes: Array(repeating: 2, count: 16), createdAt: Self.day0)
        let store = InMemorySaltStore([newer, old])
        let ring = try SaltRing(store: store, clock: ManualWallClock(seconds: Self.day0 + 60))
        let salts = ring.salts()
        #expect(salts.current == newer)
        #expect(salts.previous == old)
        #expect(try store.salts().count == 2)
    }

    @Test("no rotation until 00:00 UTC, then the old current becomes previous")
    func rotatesAtMidnight() throws {
        let store = InMemorySaltStore()
        let clock = ManualWallClock(seconds: Self.day0 + 10 * 3600)
        let ring = try SaltRing(store: store, clock: clock)
        let first = ring.salts().current

        clock.set(milliseconds: (Self.day0 + Self.day) * 1000 - 1)
        #expect(ring.salts().current == first)
        #expect(try store.salts().count == 1)

        clock.set(milliseconds: (Self.day0 + Self.day) * 1000)
        let rotated = ring.salts()
        #expect(rotated.current != first)
        #expect(rotated.current.createdAt == Self.day0 + Self.day)
        #expect(rotated.previous == first)
        #expect(try store.salts() == [first, rotated.current])

        clock.advance(seconds: 3600)
        #expect(ring.salts().current == rotated.current)
        #expect(try store.salts().count == 2)
    }

    @Test("salts older than 48 h are deleted at rotation")
    func deletesOldSalts() throws {
        let store = InMemorySaltStore()
        let ring = try SaltRing(store: store, clock: ManualWallClock(seconds: Self.day0 + 10 * 3600))
        let salt0 = ring.salts(nowSeconds: Self.day0 + 10 * 3600).current
        let salt1 = ring.salts(nowSeconds: Self.day0 + Self.day + 3600).current
        let salt2 = ring.salts(nowSeconds: Self.day0 + 2 * Self.day + 3600).current
        // salt0 is 39 h old at the second rotation: kept.
        #expect(try store.salts() == [salt0, salt1, salt2])

        let after = ring.salts(nowSeconds: Self.day0 + 3 * Self.day + 3600)
        #expect(try store.salts() == [salt1, salt2, after.current])
        #expect(after.previous == salt2)
    }

    @Test("after a long idle spell a salt past 48 h is not kept as previous")
    func longGap() throws {
        let store = InMemorySaltStore()
        let ring = try SaltRing(store: store, clock: ManualWallClock(seconds: Self.day0))
        let salts = ring.salts(nowSeconds: Self.day0 + 3 * Self.day)
        #expect(salts.previous == nil)
        #expect(try store.salts() == [salts.current])
    }

    @Test("a salt another process already stored today is adopted, not duplicated")
    func adoptsSharedRotation() throws {
        let store = InMemorySaltStore()
        let ring = try SaltRing(store: store, clock: ManualWallClock(seconds: Self.day0))
        let first = ring.salts().current
        let other = Salt(bytes: Array(repeating: 9, count: 16), createdAt: Self.day0 + Self.day + 5)
        try store.insert(other)
        let salts = ring.salts(nowSeconds: Self.day0 + Self.day + 60)
        #expect(salts.current == other)
        #expect(salts.previous == first)
        #expect(try store.salts().count == 2)
    }

    @Test("a store refusing the new salt does not stop the rotation")
    func rotatesWhenStoreRefuses() throws {
        let store = RefusingStore(refuse: true)
        let first = Salt(bytes: Array(repeating: 1, count: 16), createdAt: Self.day0)
        try store.inner.insert(first)
        let ring = try SaltRing(store: store, clock: ManualWallClock(seconds: Self.day0))
        let salts = ring.salts(nowSeconds: Self.day0 + Self.day)
        #expect(salts.current != first)
        #expect(salts.previous == first)
        #expect(ring.salts(nowSeconds: Self.day0 + Self.day + 120).current == salts.current)
    }

    @Test("a session continues across one rotation with the same user id and session id (spec §8)")
    func sessionSurvivesRotation() throws {
        let ring = try SaltRing(store: InMemorySaltStore(), clock: ManualWallClock(seconds: Self.day0))
        let identity = VisitorIdentity()
        let cache = SessionCache()
        func ingest(at time: Int64) throws -> JournalEntry {
            let ids = identity.userIDs(
                salts: ring.salts(nowSeconds: time), userAgent: "Mozilla/5.0", clientIP: "203.0.113.9",
                domain: "example.com", hostname: "example.com")
            let draft = EventRecord(
                timestamp: time, name: "pageview", siteID: 1, userID: ids.current, sessionID: 0,
                hostname: "example.com", pathname: "/")
            return try cache.record(draft, previousUserID: ids.previous, isPageview: true, isEngagement: false) {
                $0
            }.get()
        }
        let before = try ingest(at: Self.day0 + Self.day - 300)
        let after = try ingest(at: Self.day0 + Self.day + 300)
        #expect(after.event.userID == before.event.userID)
        #expect(after.event.sessionID == before.event.sessionID)
        #expect(after.session?.userID == before.event.userID)
        #expect(after.session?.events == 2)
        #expect(cache.count == 1)
    }
}
