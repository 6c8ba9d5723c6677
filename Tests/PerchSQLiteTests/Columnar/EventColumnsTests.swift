import GRDB
import PerchCore
import Testing

@testable import PerchSQLite

/// Held events stay in the events table's key order (timestamp, then `seq`) as refreshes add
/// newer rows, whether those come after every held event or among them.
@Suite struct EventColumnsTests {
    typealias Rows = ColumnarRows
    let day = ColumnarRows.day

    static func store() throws -> SQLiteStore {
        let store = SQLiteStore(database: try .inMemory())
        try store.addSite(domain: "example.com")
        try store.addSite(domain: "other.example")
        return store
    }

    static func load(_ store: SQLiteStore, from: Int64 = 0) throws -> SiteColumns {
        try store.writer.read { db in try SiteColumns.load(db, siteID: 1, from: from) }
    }

    /// Brings `columns` to the current sequence as if every commit since touched the site from `since`.
    static func refresh(_ columns: inout SiteColumns, in store: SQLiteStore, since: Int64) throws {
        columns = try store.writer.read { db in
            var refreshed = columns
            try refreshed.refresh(db, since: since, through: try SiteColumns.currentSequence(db))
            return refreshed
        }
    }

    @Test func loadHoldsKeyOrder() throws {
        let store = try Self.store()
        try store.write(Rows.batch([Rows.event(at: day + 50, path: "/b"), Rows.event(at: day + 10, path: "/a")]))
        try store.write(Rows.batch([Rows.event(at: day + 10, path: "/c"), Rows.event(site: 2, at: day, path: "/x")]))
        let columns = try Self.load(store)
        #expect(Rows.heldOrder(columns) == (try Rows.sqlOrder(store, site: 1, from: 0)))
        #expect(Rows.heldOrder(columns).map(\.path) == ["/a", "/c", "/b"])
        #expect(columns.sequence == 4)
    }

    @Test func appendsNewerEvents() throws {
        let store = try Self.store()
        try store.write(Rows.batch([Rows.event(at: day, path: "/a"), Rows.event(at: day + 60, path: "/b")]))
        var columns = try Self.load(store)
        // Same instant as the last held event: after it (higher seq), and later ones.
        try store.write(Rows.batch([Rows.event(at: day + 60, path: "/c"), Rows.event(at: day + 120, path: "/d")]))
        try Self.refresh(&columns, in: store, since: day + 60)
        #expect(Rows.heldOrder(columns) == (try Rows.sqlOrder(store, site: 1, from: 0)))
        #expect(Rows.heldOrder(columns).map(\.path) == ["/a", "/b", "/c", "/d"])
        #expect(columns.sequence == 4)
    }

    @Test func mergesEventsOlderThanHeldOnes() throws {
        let store = try Self.store()
        try store.write(
            Rows.batch([
                Rows.event(at: day, path: "/a"), Rows.event(at: day + 100, path: "/b"),
                Rows.event(at: day + 100, path: "/c"), Rows.event(at: day + 200, path: "/d"),
            ]))
        var columns = try Self.load(store)
        try store.write(
            Rows.batch([
                Rows.event(at: day + 300, path: "/n1"), Rows.event(at: day + 100, path: "/n2"),
                Rows.event(at: day + 50, path: "/n3"), Rows.event(at: day + 200, path: "/n4"),
                Rows.event(site: 2, at: day + 150, path: "/other"),
            ]))
        try Self.refresh(&columns, in: store, since: day + 50)
        #expect(Rows.heldOrder(columns) == (try Rows.sqlOrder(store, site: 1, from: 0)))
        #expect(
            Rows.heldOrder(columns).map(\.path) == ["/a", "/n3", "/b", "/c", "/n2", "/d", "/n4", "/n1"])
        // A second interleaving batch, older than everything held.
        try store.write(Rows.batch([Rows.event(at: day - 10, path: "/m1"), Rows.event(at: day + 250, path: "/m2")]))
        try Self.refresh(&columns, in: store, since: day - 10)
        #expect(Rows.heldOrder(columns) == (try Rows.sqlOrder(store, site: 1, from: 0)))
    }

    @Test func refreshKeepsOnlyEventsFromLoadStart() throws {
        let store = try Self.store()
        try store.write(Rows.batch([Rows.event(at: day, path: "/a"), Rows.event(at: day + 100, path: "/b")]))
        var columns = try Self.load(store, from: day + 50)
        try store.write(Rows.batch([Rows.event(at: day + 10, path: "/old"), Rows.event(at: day + 60, path: "/c")]))
        try Self.refresh(&columns, in: store, since: day + 10)
        #expect(Rows.heldOrder(columns) == (try Rows.sqlOrder(store, site: 1, from: day + 50)))
        #expect(Rows.heldOrder(columns).map(\.path) == ["/c", "/b"])
    }

    @Test func randomBatchesStayInKeyOrder() throws {
        let store = try Self.store()
        var random = SplitMix64(seed: 42)
        try store.write(Rows.batch((0..<30).map { Rows.event(at: day + Int64(random.next() % 500), path: "/\($0)") }))
        var columns = try Self.load(store)
        for round in 0..<20 {
            let events = (0..<Int(random.next() % 12)).map {
                Rows.event(
                    site: 1 + Int64(random.next() % 2), at: day + Int64(random.next() % 600), path: "/\(round)-\($0)")
            }
            guard !events.isEmpty else { continue }
            try store.write(Rows.batch(events))
            let since = events.filter { $0.siteID == 1 }.map(\.timestamp).min() ?? .max
            try Self.refresh(&columns, in: store, since: since)
            #expect(Rows.heldOrder(columns) == (try Rows.sqlOrder(store, site: 1, from: 0)), "round \(round)")
        }
    }

    @Test func firstIndexAtOrAfter() throws {
        let store = try Self.store()
        let stamps: [Int64] = [10, 20, 20, 20, 35, 50]
        try store.write(Rows.batch(stamps.map { Rows.event(at: day + $0) }))
        let events = try Self.load(store).events
        let cases: [(Int64, Int)] = [
            (0, 0), (10, 0), (11, 1), (20, 1), (21, 4), (35, 4), (36, 5), (50, 5), (51, 6), (1_000, 6),
        ]
        for (offset, index) in cases { #expect(events.firstIndex(atOrAfter: day + offset) == index, "at +\(offset)") }
        #expect(EventColumns().firstIndex(atOrAfter: day) == 0)
    }
}
