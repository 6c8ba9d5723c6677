import PerchClickHouse
import PerchCore
import PerchIngest
import Testing

/// The shared roles on a real server: salts, drop counts, idempotency keys.
@Suite struct ClickHouseStoreTests {
    static let day: Int64 = 1_795_737_600  // 00:00 UTC
    static let hour: Int64 = day + 7 * 3600

    @Test func saltsListInTimeOrderAndOldOnesLeave() async throws {
        try await ClickHouseTestServer.withMigratedDatabase { (client: ClickHouseClient) async throws in
            let store = ClickHouseStore(client: client)
            let older = Salt(bytes: Array(repeating: 0xAB, count: 16), createdAt: Self.day - 86_400)
            let newer = Salt(bytes: Array(0..<16), createdAt: Self.day)
            try store.insert(newer)
            try store.insert(older)
            #expect(try store.salts() == [older, newer])
            try store.deleteSalts(createdBefore: Self.day)
            #expect(try store.salts() == [newer])
            try store.deleteSalts(createdBefore: Self.day)
            #expect(try client.queryBlocking("SELECT count() FROM salts").scalar().uint64() == 1)
        }
    }

    @Test func twoNodesMakingTomorrowsSaltAgreeOnOne() async throws {
        try await ClickHouseTestServer.withMigratedDatabase { (client: ClickHouseClient) async throws in
            let store = ClickHouseStore(client: client)
            let clock = ManualWallClock(seconds: Self.day + 3600)
            let a = try SaltRing(store: store, clock: clock) { Array(repeating: 0xEE, count: 16) }
            let b = try SaltRing(store: store, clock: clock) { Array(repeating: 0x11, count: 16) }
            #expect(a.salts().current == b.salts().current)
            // Both nodes stored a salt for tomorrow before either read the other's: the smaller wins.
            try store.insert(Salt(bytes: Array(repeating: 0xEE, count: 16), createdAt: Self.day + 86_400))
            try store.insert(Salt(bytes: Array(repeating: 0x11, count: 16), createdAt: Self.day + 86_400))
            b.maintain(nowSeconds: clock.nowSeconds())
            a.maintain(nowSeconds: clock.nowSeconds())
            clock.advance(seconds: 86_400)
            #expect(a.salts().current == b.salts().current)
            #expect(a.salts().current.bytes == Array(repeating: 0x11, count: 16))
        }
    }

    @Test func dropCountsForTheSameKeyAddUp() async throws {
        try await ClickHouseTestServer.withMigratedDatabase { (client: ClickHouseClient) async throws in
            let store = ClickHouseStore(client: client)
            try store.addDropCounts([
                DropCount(domain: "a.test", reason: "bot", hour: Self.hour, count: 2),
                DropCount(domain: "b.test", reason: "bot", hour: Self.hour, count: 1),
            ])
            try store.addDropCounts([DropCount(domain: "a.test", reason: "bot", hour: Self.hour, count: 3)])
            try store.addDropCounts([])
            #expect(
                try store.dropCounts(since: Self.hour, domain: nil) == [
                    DropCount(domain: "a.test", reason: "bot", hour: Self.hour, count: 5),
                    DropCount(domain: "b.test", reason: "bot", hour: Self.hour, count: 1),
                ])
            #expect(try store.dropCounts(since: Self.hour, domain: "WWW.B.test").map(\.count) == [1])
            #expect(try store.dropCounts(since: Self.hour + 3600, domain: nil).isEmpty)
        }
    }

    @Test func deletingDropCountsRemovesHoursBeforeTheCutoff() async throws {
        try await ClickHouseTestServer.withMigratedDatabase { (client: ClickHouseClient) async throws in
            let store = ClickHouseStore(client: client)
            try store.addDropCounts([
                DropCount(domain: "a.test", reason: "bot", hour: Self.hour - 3600, count: 1),
                DropCount(domain: "a.test", reason: "bot", hour: Self.hour, count: 1),
            ])
            try store.deleteDropCounts(before: Self.hour)
            #expect(try store.dropCounts(since: 0, domain: nil).map(\.hour) == [Self.hour])
        }
    }

    @Test func idempotencyKeysAreReadOnceAndLeaveByTheDay() async throws {
        try await ClickHouseTestServer.withMigratedDatabase { (client: ClickHouseClient) async throws in
            let events = ClickHouseEventStore(client: client, node: "node-a")
            let event = EventRecord(
                timestamp: Self.hour, name: "pageview", siteID: 1, userID: 1, sessionID: 1, hostname: "a.test",
                pathname: "/")
            var yesterday = event
            yesterday.timestamp -= 86_400
            let keys = [("old", Self.hour - 86_400), ("k1", Self.hour), ("k2", Self.hour + 60)]
            try events.write(
                StoreBatch(events: [yesterday, event, event], sessions: [], lastSequence: 3, idempotencyKeys: keys))
            // The same keys again, as a replay would write them.
            try events.write(StoreBatch(events: [], sessions: [], lastSequence: 3, idempotencyKeys: keys))
            let store = ClickHouseStore(client: client)
            #expect(try store.idempotencyKeys(since: Self.hour).sorted() == ["k1", "k2"])
            #expect(try store.idempotencyKeys(since: 0).sorted() == ["k1", "k2", "old"])
            try store.deleteIdempotencyKeys(before: Self.hour + 3600)
            #expect(try store.idempotencyKeys(since: 0).sorted() == ["k1", "k2"])
        }
    }
}
