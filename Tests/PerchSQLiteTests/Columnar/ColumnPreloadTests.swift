import GRDB
import PerchCore
import Synchronization
import Testing

@testable import PerchSQLite

/// At start the busiest sites' columns are loaded, busiest first, within the cache's budget.
@Suite struct ColumnPreloadTests {
    typealias Rows = ColumnarRows

    @Test func theBusiestSitesAreLoadedFirstWithinTheBudget() async throws {
        let store = try ColumnarCacheTests.store()
        let now = Rows.day + 86_400
        let loaded = try await store.preloadBusiestSites(now: now)
        #expect(loaded == [3, 2, 1])
        for site in loaded { #expect(store.database.columns.columns(of: site) != nil) }
    }

    /// A query that finds a site's columns missing starts loading them; the preload, starting
    /// meanwhile, waits for that load instead of reading the site again (or another beside it):
    /// whichever comes first, each site is read once.
    @Test func theSiteAQueryIsLoadingIsReadOnceWithThePreload() async throws {
        let now = Rows.day + 86_400
        let store = try ColumnarCacheTests.store(clock: ManualWallClock(seconds: now))
        let reads = Mutex<[Int64]>([])
        store.observeColumnLoads { report in reads.withLock { $0.append(report.siteID) } }
        // What `precomputedGroups` does for a 30-day query of site 2 whose columns are not held.
        store.database.columns.loads.enqueue(
            2, from: store.loadStart(Rows.day - 30 * 86_400), urgency: .query, load: store.columnLoad)
        let loaded = try await store.preloadBusiestSites(now: now)
        #expect(loaded == [3, 2, 1])
        #expect(reads.withLock { $0 }.sorted() == [1, 2, 3])
        for site in loaded { #expect(store.database.columns.columns(of: site) != nil) }
    }

    @Test func aQuerysLoadCoversThePreloadsRange() throws {
        let now = Rows.day + 86_400
        let store = try ColumnarCacheTests.store(clock: ManualWallClock(seconds: now))
        let preloadFrom = SQLiteStore.preloadStart(now: now)
        #expect(preloadFrom == Rows.day - 61 * 86_400)
        // A recent range loads from the preload's start; an older one from a day before it.
        #expect(store.loadStart(Rows.day - 30 * 86_400) == preloadFrom)
        #expect(store.loadStart(Rows.day - 100 * 86_400 + 3_600) == Rows.day - 101 * 86_400)
    }

    /// Sites are chosen among those with the most sessions in the day before the newest session:
    /// a site busier over the 62 days but quiet since is left out.
    @Test func theBusiestAreChosenAmongTheLastDaysSites() async throws {
        let store = try ColumnarCacheTests.store()
        // Site 9: ten days earlier, more events and sessions than sites 1…3 together.
        try store.write(ColumnarCacheTests.batch(site: 9, events: 1_000, at: Rows.day - 10 * 86_400))
        #expect(try await store.busiestSites(since: Rows.day - 20 * 86_400) == [3, 2, 1])
        #expect(try await store.busiestSites(since: Rows.day - 20 * 86_400, maxSites: 2) == [3, 2])
    }

    @Test func sitesThatDoNotFitAreLeftToTheirFirstQuery() async throws {
        // 300 events of site 3 take about 40 KB by the estimate; 80% of 60 KB holds site 3 only.
        let store = SQLiteStore(database: try .inMemory(columnCacheBytes: 60_000))
        for site in Int64(1)...3 {
            try store.write(ColumnarCacheTests.batch(site: site, events: Int(site) * 100, at: Rows.day))
        }
        #expect(try await store.busiestSites(since: 0) == [3])
        #expect(try await store.busiestSites(since: Rows.day + 1_000) == [])
        let off = SQLiteStore(database: try .inMemory(columnCacheBytes: 0))
        #expect(try await off.busiestSites(since: 0) == [])
    }
}
