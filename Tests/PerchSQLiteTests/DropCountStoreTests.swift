import PerchCore
import Testing

@testable import PerchSQLite

/// Hourly drop counts in SQLite, and the per-site debug-drops switch.
@Suite struct DropCountStoreTests {
    let store: SQLiteStore
    static let hour: Int64 = 1_795_773_600

    init() throws {
        store = SQLiteStore(database: try .inMemory(), clock: ManualWallClock(seconds: Self.hour))
    }

    @Test func countsForTheSameKeyAddUp() throws {
        try store.addDropCounts([
            DropCount(domain: "a.test", reason: "bot", hour: Self.hour, count: 2),
            DropCount(domain: "b.test", reason: "bot", hour: Self.hour, count: 1),
        ])
        try store.addDropCounts([DropCount(domain: "a.test", reason: "bot", hour: Self.hour, count: 3)])
        #expect(
            try store.dropCounts(since: Self.hour, domain: nil) == [
                DropCount(domain: "a.test", reason: "bot", hour: Self.hour, count: 5),
                DropCount(domain: "b.test", reason: "bot", hour: Self.hour, count: 1),
            ])
        #expect(try store.dropCounts(since: Self.hour, domain: "WWW.B.test").map(\.count) == [1])
        #expect(try store.dropCounts(since: Self.hour + 3600, domain: nil).isEmpty)
    }

    @Test func deleteRemovesHoursBeforeTheCutoff() throws {
        try store.addDropCounts([
            DropCount(domain: "a.test", reason: "bot", hour: Self.hour - 3600, count: 1),
            DropCount(domain: "a.test", reason: "bot", hour: Self.hour, count: 1),
        ])
        try store.deleteDropCounts(before: Self.hour)
        #expect(try store.dropCounts(since: 0, domain: nil).map(\.hour) == [Self.hour])
    }

    @Test func debugDropsIsOffByDefaultAndPersisted() throws {
        try store.addSite(domain: "a.test")
        #expect(try store.site(domain: "a.test")?.debugDrops == false)
        try store.setDebugDrops(domain: "a.test", enabled: true)
        #expect(try store.allSites().map(\.debugDrops) == [true])
        try store.setDebugDrops(domain: "a.test", enabled: false)
        #expect(try store.site(domain: "a.test")?.debugDrops == false)
        #expect(throws: SQLiteStoreError.unknownSite(domain: "b.test")) {
            try store.setDebugDrops(domain: "b.test", enabled: true)
        }
    }
}
