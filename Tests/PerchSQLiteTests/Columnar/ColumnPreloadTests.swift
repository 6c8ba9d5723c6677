import GRDB
import PerchCore
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

    @Test func sitesThatDoNotFitAreLeftToTheirFirstQuery() async throws {
        // 300 events of site 3 take about 40 KB by the estimate; 80% of 60 KB holds site 3 only.
        let store = SQLiteStore(database: try .inMemory(columnCacheBytes: 60_000))
        for site in Int64(1)...3 {
            let events = (0..<Int(site) * 100).map {
                Rows.event(site: site, at: Rows.day + Int64($0), path: "/\($0 % 10)", user: UInt64($0))
            }
            try store.write(Rows.batch(events))
        }
        #expect(try await store.busiestSites(since: 0) == [3])
        #expect(try await store.busiestSites(since: Rows.day + 1_000) == [])
        let off = SQLiteStore(database: try .inMemory(columnCacheBytes: 0))
        #expect(try await off.busiestSites(since: 0) == [])
    }
}
