import PerchCore
import PerchIngest
import Synchronization
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

    /// Counts the store calls made, to show the request path makes none.
    final class CountingStore: SaltStore {
        let inner = InMemorySaltStore()
        let calls = Mutex(0)
        let refusing = Mutex(false)
        func salts() throws -> [Salt] {
            calls.withLock { $0 += 1 }
            return try inner.salts()
        }
        func insert(_ salt: Salt) throws {
            calls.withLock { $0 += 1 }
            if refusing.withLock({ $0 }) { throw CancellationError() }
            try inner.insert(salt)
        }
        func deleteSalts(createdBefore cutoff: Int64) throws {
            calls.withLock { $0 += 1 }
            try inner.deleteSalts(createdBefore: cutoff)
        }
        var count: Int { calls.withLock { $0 } }
    }

    @Test("the next day's salt is stored ahead and swapped in at 00:00 UTC without touching the store")
    func rotatesAtMidnightFromTheSaltMadeAhead() throws {
        let store = CountingStore()
        let clock = ManualWallClock(seconds: Self.day0 + 10 * 3600)
        let ring = try SaltRing(store: store, clock: clock)
        let first = ring.salts().current
        ring.maintain(nowSeconds: clock.nowSeconds())
        let ahead = try #require(try store.inner.salts().first { $0.createdAt == Self.day0 + Self.day })
        let calls = store.count

        clock.set(milliseconds: (Self.day0 + Self.day) * 1000 - 1)
        #expect(ring.salts().current == first)
        clock.set(milliseconds: (Self.day0 + Self.day) * 1000)
        let rotated = ring.salts()
        #expect(rotated.current == ahead)
        #expect(rotated.previous == first)
        clock.advance(seconds: 3600)
        #expect(ring.salts().current == ahead)
        #expect(store.count == calls, "the request path used the store")
    }

    @Test("without a salt made ahead the rotation makes one in memory, stored by the next maintenance")
    func rotatesWithoutMaintenance() throws {
        let store = CountingStore()
        let ring = try SaltRing(store: store, clock: ManualWallClock(seconds: Self.day0 + 10 * 3600))
        let first = ring.salts().current
        let calls = store.count
        let rotated = ring.salts(nowSeconds: Self.day0 + Self.day + 5)
        #expect(rotated.current.createdAt == Self.day0 + Self.day)
        #expect(rotated.previous == first)
        #expect(store.count == calls)
        #expect(try store.inner.salts() == [first])
        ring.maintain(nowSeconds: Self.day0 + Self.day + 60)
        #expect(try store.inner.salts().contains(rotated.current))
        #expect(ring.salts(nowSeconds: Self.day0 + Self.day + 120).current == rotated.current)
    }

    @Test("salts older than 48 h are deleted by maintenance")
    func deletesOldSalts() throws {
        let store = InMemorySaltStore()
        let ring = try SaltRing(store: store, clock: ManualWallClock(seconds: Self.day0 + 10 * 3600))
        let salt0 = ring.salts(nowSeconds: Self.day0 + 10 * 3600).current
        ring.maintain(nowSeconds: Self.day0 + 10 * 3600)
        let salt1 = ring.salts(nowSeconds: Self.day0 + Self.day + 3600).current
        ring.maintain(nowSeconds: Self.day0 + Self.day + 3600)
        let salt2 = ring.salts(nowSeconds: Self.day0 + 2 * Self.day + 3600).current
        ring.maintain(nowSeconds: Self.day0 + 2 * Self.day + 3600)
        // salt0 is 39 h old: kept; tomorrow's is already there.
        #expect(
            try store.salts().map(\.createdAt) == [
                salt0.createdAt, salt1.createdAt, salt2.createdAt, Self.day0 + 3 * Self.day,
            ])

        let after = ring.salts(nowSeconds: Self.day0 + 3 * Self.day + 3600)
        ring.maintain(nowSeconds: Self.day0 + 3 * Self.day + 3600)
        // salt1 (made ahead for 00:00) is now 49 h old: gone.
        #expect(try !store.salts().contains(salt1))
        #expect(try store.salts().prefix(2) == [salt2, after.current])
        #expect(after.previous == salt2)
    }

    @Test("after a long idle spell a salt past 48 h is not kept as previous")
    func longGap() throws {
        let store = InMemorySaltStore()
        let ring = try SaltRing(store: store, clock: ManualWallClock(seconds: Self.day0))
        let salts = ring.salts(nowSeconds: Self.day0 + 3 * Self.day)
        #expect(salts.previous == nil)
        #expect(salts.current.createdAt == Self.day0 + 3 * Self.day)
    }

    @Test("a salt another process stored ahead is adopted; of two racing, both pick the same")
    func adoptsSharedSalt() throws {
        let store = InMemorySaltStore()
        let ring = try SaltRing(store: store, clock: ManualWallClock(seconds: Self.day0))
        let other = try SaltRing(store: store, clock: ManualWallClock(seconds: Self.day0))
        let first = ring.salts().current
        let ahead = Salt(bytes: Array(repeating: 9, count: 16), createdAt: Self.day0 + Self.day)
        try store.insert(ahead)
        ring.maintain(nowSeconds: Self.day0 + 60)
        let salts = ring.salts(nowSeconds: Self.day0 + Self.day + 60)
        #expect(salts.current == ahead)
        #expect(salts.previous == first)
        // A racing process's salt for the same instant: the smaller bytes win everywhere.
        try store.insert(Salt(bytes: Array(repeating: 3, count: 16), createdAt: Self.day0 + 2 * Self.day))
        try store.insert(Salt(bytes: Array(repeating: 7, count: 16), createdAt: Self.day0 + 2 * Self.day))
        ring.maintain(nowSeconds: Self.day0 + Self.day + 120)
        other.maintain(nowSeconds: Self.day0 + Self.day + 120)
        let mine = ring.salts(nowSeconds: Self.day0 + 2 * Self.day + 1).current
        #expect(mine.bytes == Array(repeating: 3, count: 16))
        #expect(other.salts(nowSeconds: Self.day0 + 2 * Self.day + 1).current == mine)
    }

    @Test("a store refusing salts does not stop the rotation; they are stored once it accepts")
    func rotatesWhenStoreRefuses() throws {
        let store = CountingStore()
        let ring = try SaltRing(store: store, clock: ManualWallClock(seconds: Self.day0))
        let first = ring.salts().current
        store.refusing.withLock { $0 = true }
        ring.maintain(nowSeconds: Self.day0 + 60)
        let salts = ring.salts(nowSeconds: Self.day0 + Self.day)
        #expect(salts.current != first)
        #expect(salts.previous == first)
        ring.maintain(nowSeconds: Self.day0 + Self.day + 60)
        #expect(try !store.inner.salts().contains(salts.current))
        store.refusing.withLock { $0 = false }
        ring.maintain(nowSeconds: Self.day0 + Self.day + 120)
        #expect(try store.inner.salts().contains(salts.current))
        #expect(ring.salts(nowSeconds: Self.day0 + Self.day + 180).current == salts.current)
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
