import PerchClickHouse
import PerchCore
import PerchSQLite
import PerchStats
import Testing

/// The reader's lookups besides planned statements: sites, keys, live visitors and prop keys,
/// newest configuration row per id, compared with the SQLite store's answers where both hold the
/// same data.
@Suite struct ClickHouseStatsReaderTests {
    @Test func keysAreTheNewestRowPerIDAndNotRevoked() async throws {
        try await ClickHouseTestServer.withMigratedDatabase { (client: ClickHouseClient) async throws in
            try await ClickHouseStatsComparisonTests.storeConfiguration(client)
            let active = APIKey.hash("secret-one")
            let revoked = APIKey.hash("secret-two")
            try await client.execute(
                """
                INSERT INTO api_keys (id, key_hash, prefix, site_id, hourly_limit, created_at, revoked_at, version)
                VALUES (1, '\(active)', 'secret-o', 1, 600, 1790000000, NULL, 1),
                       (2, '\(revoked)', 'secret-t', NULL, 60, 1790000100, NULL, 1),
                       (2, '\(revoked)', 'secret-t', NULL, 60, 1790000100, 1790000200, 2)
                """)
            let reader = ClickHouseStatsReader(client: client)
            let key = try await reader.apiKey(hash: active)
            #expect(
                key
                    == APIKey(
                        id: 1, prefix: "secret-o", siteDomain: StatsComparisonWorld.domain, hourlyLimit: 600,
                        createdAt: 1_790_000_000))
            #expect(try await reader.apiKey(hash: revoked) == nil)
            #expect(try await reader.apiKey(hash: APIKey.hash("unknown")) == nil)
        }
    }

    @Test func aRemovedSiteIsNotFound() async throws {
        try await ClickHouseTestServer.withMigratedDatabase { (client: ClickHouseClient) async throws in
            try await ClickHouseStatsComparisonTests.storeConfiguration(client)
            let reader = ClickHouseStatsReader(client: client)
            let site = try #require(try await reader.statsSite(domain: "WWW.Cmp.Example"))
            #expect(site.site.timezone == StatsComparisonWorld.timezone)
            #expect(site.firstEventAt == nil)
            #expect(try await reader.goals(siteID: 1) == StatsComparisonWorld.goals)
            try await client.execute(
                """
                INSERT INTO sites (id, domain, timezone, rate_limit_per_minute, burst, debug_drops, created_at, removed_at, version)
                VALUES (1, 'cmp.example', 'Europe/Berlin', 600, 120, 0, 0, 1790000000, 2)
                """)
            #expect(try await reader.statsSite(domain: StatsComparisonWorld.domain) == nil)
        }
    }

    @Test func liveVisitorsAndPropertyKeysAsSQLiteCountsThem() async throws {
        let sqlite = SQLiteStore(database: try .inMemory())
        _ = try sqlite.addSite(domain: StatsComparisonWorld.domain, timezone: StatsComparisonWorld.timezone)
        try await ClickHouseTestServer.withMigratedDatabase { (client: ClickHouseClient) async throws in
            try await ClickHouseStatsComparisonTests.storeConfiguration(client)
            try ClickHouseStatsComparisonTests.writeJournal(
                ClickHouseEventStore(
                    client: client, node: "node-a", clock: ManualWallClock(seconds: StatsComparisonWorld.now)),
                sqlite)
            let reader = ClickHouseStatsReader(client: client)
            let site = try #require(try await reader.statsSite(domain: StatsComparisonWorld.domain))
            #expect(
                site.firstEventAt == (try await sqlite.statsSite(domain: StatsComparisonWorld.domain))?.firstEventAt)
            for since in stride(from: StatsComparisonWorld.start, to: StatsComparisonWorld.now, by: 40_000) {
                let visitors = try await reader.currentVisitors(siteID: 1, since: since)
                #expect(visitors == (try await sqlite.currentVisitors(siteID: 1, since: since)))
                let keys = try await reader.propertyKeys(siteID: 1, since: since, limit: 2)
                #expect(keys == (try await sqlite.propertyKeys(siteID: 1, since: since, limit: 2)))
            }
            #expect(try await reader.currentVisitors(siteID: 1, since: StatsComparisonWorld.start) > 0)
            #expect(try await reader.propertyKeys(siteID: 1, since: 0, limit: 10) == ["plan", "ref 'x'"])
        }
    }
}
