import GRDB
import PerchCore
import Testing

@testable import PerchSQLite

/// The cache's budget, least-recently-used eviction and choice between two reads of one site.
@Suite struct ColumnarCacheTests {
    typealias Rows = ColumnarRows

    /// A store with sites 1…3, site `n` holding `n × 100` events and `n` sessions.
    static func store(clock: any WallClock = SystemWallClock()) throws -> SQLiteStore {
        let store = SQLiteStore(database: try .inMemory(), clock: clock)
        for site in Int64(1)...3 { try store.write(batch(site: site, events: Int(site) * 100, at: Rows.day)) }
        return store
    }

    /// `events` events of the site from `start` on, one a second, and as many sessions as the
    /// site's number (ids `site × 1000 + n`, unique across sites) ending with the last event.
    static func batch(site: Int64, events: Int, at start: Int64) -> StoreBatch {
        let rows = (0..<events).map {
            Rows.event(site: site, at: start + Int64($0), path: "/\($0 % 10)", user: UInt64($0))
        }
        let sessions = (1...UInt64(site)).map {
            Rows.session(
                UInt64(site) * 1_000 + $0, site: site, user: $0, start: start, last: start + Int64(events) - 1,
                pageviews: 1, events: 1,
                entry: "/", exit: "/")
        }
        return Rows.batch(rows, sessions)
    }

    static func columns(_ store: SQLiteStore, site: Int64) throws -> SiteColumns {
        try store.writer.read { db in try SiteColumns.load(db, siteID: site, from: 0) }
    }

    @Test func entryOverBudgetIsNotKeptNorLoadedAgain() throws {
        let store = try Self.store()
        let (one, three) = (try Self.columns(store, site: 1), try Self.columns(store, site: 3))
        #expect(one.byteSize < three.byteSize)
        let cache = ColumnarCache(budget: three.byteSize - 1)
        #expect(cache.beginLoading(3))
        #expect(!cache.store(three))
        cache.endLoading(3)
        #expect(cache.columns(of: 3) == nil)
        #expect(!cache.beginLoading(3))
        // Other sites are unaffected.
        #expect(cache.beginLoading(1))
        #expect(cache.store(one))
        cache.endLoading(1)
        #expect(cache.columns(of: 1)?.sequence == one.sequence)
    }

    @Test func oversizedEntryReplacesNoHeldOne() throws {
        let store = try Self.store()
        let one = try Self.columns(store, site: 1)
        let cache = ColumnarCache(budget: one.byteSize)
        #expect(cache.store(one))
        // The site grows past the budget: its stale columns go too.
        try store.write(Rows.batch((0..<500).map { Rows.event(site: 1, at: Rows.day + 1_000 + Int64($0)) }))
        let grown = try Self.columns(store, site: 1)
        #expect(!cache.store(grown))
        #expect(cache.columns(of: 1) == nil)
        #expect(!cache.beginLoading(1))
    }

    @Test func beginLoadingOncePerSite() throws {
        let cache = ColumnarCache(budget: 1 << 20)
        #expect(cache.beginLoading(1))
        #expect(!cache.beginLoading(1))
        #expect(cache.beginLoading(2))
        cache.endLoading(1)
        #expect(cache.beginLoading(1))
    }

    @Test func zeroBudgetIsOff() throws {
        let store = try Self.store()
        let cache = ColumnarCache(budget: 0)
        #expect(!cache.isEnabled)
        #expect(!cache.beginLoading(1))
        #expect(!cache.store(try Self.columns(store, site: 1)))
        #expect(cache.columns(of: 1) == nil)
    }

    @Test func evictsLeastRecentlyUsed() throws {
        let store = try Self.store()
        let sites = try (Int64(1)...3).map { try Self.columns(store, site: $0) }
        // Room for sites 1 and 2, or 1 and 3, but not all three.
        let cache = ColumnarCache(budget: sites[0].byteSize + sites[2].byteSize)
        #expect(sites[1].byteSize + sites[2].byteSize > cache.budget)
        #expect(cache.store(sites[0]))
        #expect(cache.store(sites[1]))
        // Site 1 used after site 2 was stored: site 2 is now the least recently used.
        #expect(cache.columns(of: 1) != nil)
        #expect(cache.store(sites[2]))
        #expect(cache.columns(of: 2) == nil)
        #expect(cache.columns(of: 1) != nil)
        #expect(cache.columns(of: 3) != nil)
        // Evicted is not oversized: the site may be loaded again.
        #expect(cache.beginLoading(2))
    }

    @Test func growthReportedByRefreshEvicts() throws {
        let store = try Self.store()
        let (one, two) = (try Self.columns(store, site: 1), try Self.columns(store, site: 2))
        let cache = ColumnarCache(budget: one.byteSize + two.byteSize)
        #expect(cache.store(one))
        #expect(cache.store(two))
        let box = try #require(cache.box(of: 2))
        // Site 2 (used last) grew in place: site 1 makes room.
        cache.noteRefreshed(box, sequence: two.sequence + 1, bytes: two.byteSize + 1)
        #expect(cache.columns(of: 1) == nil)
        #expect(cache.columns(of: 2) != nil)
    }

    @Test func refreshOfAReplacedBoxIsIgnored() throws {
        let store = try Self.store()
        let older = try Self.columns(store, site: 1)
        let cache = ColumnarCache(budget: 1 << 24)
        #expect(cache.store(older))
        let replaced = try #require(cache.box(of: 1))
        try store.write(Rows.batch([Rows.event(site: 1, at: Rows.day + 5_000, path: "/new")]))
        let newer = try Self.columns(store, site: 1)
        #expect(cache.store(newer))
        cache.record(OwnCommitLog.Commit(first: newer.sequence + 1, last: newer.sequence + 1, earliest: [1: 7]))
        // A query still holding the old box reports a sequence the new box has not reached: taken
        // for the new box's, it would trim the commit the new box still needs.
        cache.noteRefreshed(replaced, sequence: newer.sequence + 100, bytes: 1)
        #expect(cache.change(to: 1, after: newer.sequence, through: newer.sequence + 1) == .since(7))
        #expect(cache.box(of: 1) !== replaced)
    }

    @Test func keepsNewerSequence() throws {
        let store = try Self.store()
        let older = try Self.columns(store, site: 1)
        try store.write(Rows.batch([Rows.event(site: 1, at: Rows.day + 5_000, path: "/new")]))
        let newer = try Self.columns(store, site: 1)
        #expect(newer.sequence > older.sequence)
        let cache = ColumnarCache(budget: 1 << 24)
        #expect(cache.store(newer))
        // A slower load that read before the last commit does not replace the newer columns.
        #expect(cache.store(older))
        #expect(cache.columns(of: 1)?.sequence == newer.sequence)
        #expect(cache.columns(of: 1)?.events.count == older.events.count + 1)
        // The other way round, the newer replaces the older.
        let other = ColumnarCache(budget: 1 << 24)
        #expect(other.store(older))
        #expect(other.store(newer))
        #expect(other.columns(of: 1)?.sequence == newer.sequence)
        // Same columns marked current at a later number (no change to the site) replace them too.
        var advanced = older
        advanced.advance(to: newer.sequence + 10)
        #expect(cache.store(advanced))
        #expect(cache.columns(of: 1)?.sequence == newer.sequence + 10)
    }

    @Test func widerColumnsReplaceNarrowerOnes() throws {
        let store = try Self.store()
        let narrow = try store.writer.read { db in try SiteColumns.load(db, siteID: 2, from: Rows.day + 100) }
        let whole = try Self.columns(store, site: 2)
        let cache = ColumnarCache(budget: 1 << 24)
        #expect(cache.store(narrow))
        #expect(cache.store(whole))
        #expect(cache.columns(of: 2)?.from == 0)
        #expect(cache.columns(of: 2)?.events.count == 200)
    }

    @Test func idleLogKeepsOnlyTheLastCommits() {
        let cache = ColumnarCache(budget: 1 << 24)
        // Nothing held or loading: only the last `idleCapacity` commits are kept, for a load
        // that begins while they are in flight.
        let last = Int64(OwnCommitLog.idleCapacity + 1)
        for number in 1...last {
            cache.record(OwnCommitLog.Commit(first: number, last: number, earliest: [1: number]))
        }
        #expect(cache.change(to: 1, after: 0, through: last) == .unknown)
        #expect(cache.change(to: 1, after: 1, through: last) == .since(2))
    }

    @Test func logKeptWhileSomethingIsHeld() throws {
        // An empty store: its columns read at number 0, then marked current at 5.
        let store = SQLiteStore(database: try .inMemory())
        let cache = ColumnarCache(budget: 1 << 24)
        #expect(cache.beginLoading(1))
        cache.record(OwnCommitLog.Commit(first: 1, last: 1, earliest: [1: 5]))
        cache.record(OwnCommitLog.Commit(first: 2, last: 5, earliest: [1: 10]))
        cache.record(OwnCommitLog.Commit(first: 6, last: 9, earliest: [1: 20]))
        #expect(cache.change(to: 1, after: 1, through: 9) == .since(10))
        var columns = try Self.columns(store, site: 1)
        columns.advance(to: 5)
        #expect(cache.store(columns))
        // Still loading: the log is kept whole.
        #expect(cache.change(to: 1, after: 1, through: 9) == .since(10))
        cache.endLoading(1)
        #expect(cache.change(to: 1, after: 5, through: 9) == .since(20))
        #expect(cache.change(to: 1, after: 1, through: 9) == .unknown)
        // A query brought the site to 9: nothing older is needed.
        cache.noteRefreshed(try #require(cache.box(of: 1)), sequence: 9, bytes: columns.byteSize)
        #expect(cache.change(to: 1, after: 5, through: 9) == .unknown)
        #expect(cache.change(to: 1, after: 9, through: 9) == .none)
    }
}
