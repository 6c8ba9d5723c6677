import PerchClickHouse
import PerchCore
import Testing

/// Sites and shield rules in the versioned configuration tables, on a real server.
@Suite struct ClickHouseSiteStoreTests {
    static func store(_ client: ClickHouseClient, at seconds: Int64 = 1_790_000_000) -> ClickHouseStore {
        ClickHouseStore(client: client, clock: ManualWallClock(seconds: seconds))
    }

    @Test func sitesAreAddedChangedAndRemovedByNewRows() async throws {
        try await ClickHouseTestServer.withMigratedDatabase { (client: ClickHouseClient) async throws in
            let store = Self.store(client)
            let added = try store.addSite(domain: "WWW.Example.com", timezone: "Europe/Tallinn", rateLimit: .unlimited)
            #expect(added.domain == "example.com")
            try store.addSite(domain: "b.test", timezone: "UTC", rateLimit: .default)
            #expect(throws: SiteAdministrationError.siteExists(domain: "example.com")) {
                try store.addSite(domain: "example.com", timezone: "UTC", rateLimit: .default)
            }
            #expect(throws: SiteAdministrationError.unknownTimezone("Mars/Olympus")) {
                try store.addSite(domain: "c.test", timezone: "Mars/Olympus", rateLimit: .default)
            }
            let limit = RateLimit(eventsPerMinute: 5, burst: 2)
            let updated = try store.updateSite(domain: "example.com", timezone: nil, rateLimit: limit)
            #expect(updated == Site(id: added.id, domain: "example.com", timezone: "Europe/Tallinn", rateLimit: limit))
            try store.setDebugDrops(domain: "example.com", enabled: true)
            #expect(
                try store.allSites() == [
                    Site(id: Self.id("b.test"), domain: "b.test"),
                    Site(
                        id: added.id, domain: "example.com", timezone: "Europe/Tallinn", rateLimit: limit,
                        debugDrops: true),
                ])
            #expect(try store.removeSite(domain: "b.test"))
            #expect(try !store.removeSite(domain: "b.test"))
            #expect(try store.site(domain: "b.test") == nil)
            #expect(try store.allSites().map(\.domain) == ["example.com"])
            #expect(throws: SiteAdministrationError.unknownSite(domain: "b.test")) {
                try store.setDebugDrops(domain: "b.test", enabled: true)
            }
            // Back with its old id (so its stored events are its own again) and fresh settings.
            let again = try store.addSite(domain: "b.test", timezone: "Asia/Tokyo", rateLimit: .default)
            #expect(again.id == Self.id("b.test"))
            #expect(try store.site(domain: "b.test") == again)
        }
    }

    @Test func aNullRateLimitIsReadAsNoLimitEvenAfterALimitedVersion() async throws {
        try await ClickHouseTestServer.withMigratedDatabase { (client: ClickHouseClient) async throws in
            let store = Self.store(client)
            try store.addSite(domain: "a.test", timezone: "UTC", rateLimit: .default)
            try store.updateSite(domain: "a.test", timezone: nil, rateLimit: .unlimited)
            #expect(try store.site(domain: "a.test")?.rateLimit.eventsPerMinute == nil)
        }
    }

    @Test func twoWritersAddingOneDomainAtOnceMakeOneSite() async throws {
        try await ClickHouseTestServer.withMigratedDatabase { (client: ClickHouseClient) async throws in
            let first = Self.store(client)
            let second = Self.store(client)
            // Both checked before either wrote: each inserts its row.
            async let a = BlockingWork.run {
                try first.addSite(domain: "race.test", timezone: "UTC", rateLimit: .default)
            }
            async let b = BlockingWork.run {
                try second.addSite(domain: "race.test", timezone: "UTC", rateLimit: .default)
            }
            let ids = [try? await a, try? await b].compactMap { $0?.id }
            #expect(!ids.isEmpty)
            #expect(Set(ids) == [Self.id("race.test")])
            #expect(try first.allSites().map(\.domain) == ["race.test"])
        }
    }

    @Test func theSitesVersionMovesWithEveryChangeAndOnlyThen() async throws {
        try await ClickHouseTestServer.withMigratedDatabase { (client: ClickHouseClient) async throws in
            let store = Self.store(client)
            var seen: Set<Int64> = [try store.sitesVersion()]
            func changed() throws -> Bool { seen.insert(try store.sitesVersion()).inserted }
            try store.addSite(domain: "a.test", timezone: "UTC", rateLimit: .default)
            #expect(try changed())
            #expect(try !changed())
            try store.updateSite(domain: "a.test", timezone: "Europe/Paris", rateLimit: nil)
            #expect(try changed())
            try store.addGoal(.init(kind: .event("Buy"), currency: "EUR"), domain: "a.test")
            #expect(try changed())
            #expect(try store.allSites().first?.revenueGoals == ["Buy": "EUR"])
            try store.removeSite(domain: "a.test")
            #expect(try changed())
            let sites = ClickHouseStore(client: client).localTable("sites").statementName
            try client.executeBlocking("OPTIMIZE TABLE \(sites) FINAL")
            #expect(try !changed())
        }
    }

    @Test func shieldRulesKeepTheirOrderAndRefuseDuplicates() async throws {
        try await ClickHouseTestServer.withMigratedDatabase { (client: ClickHouseClient) async throws in
            let clock = ManualWallClock(seconds: 1_790_000_000)
            let store = ClickHouseStore(client: client, clock: clock)
            let site = try store.addSite(domain: "a.test", timezone: "UTC", rateLimit: .default)
            let version = try store.shieldsVersion()
            let rules = [
                ShieldRule(kind: .page, value: "/b/**"), ShieldRule(kind: .ip, value: "203.0.113.7/32"),
                ShieldRule(kind: .page, value: "/a"),
            ]
            for rule in rules {
                try store.addShieldRule(rule, domain: "www.a.test")
                clock.advance(milliseconds: 1)
            }
            #expect(try store.shieldsVersion() != version)
            #expect(try store.shieldRules(domain: "a.test") == rules)
            #expect(try store.allShieldRules() == [site.id: rules])
            #expect(throws: ShieldError.duplicateRule(rules[0], existing: rules[0], domain: "a.test")) {
                try store.addShieldRule(rules[0], domain: "a.test")
            }
            let equivalent = ShieldRule(kind: .page, value: "/b/*")
            #expect(throws: ShieldError.duplicateRule(equivalent, existing: rules[0], domain: "a.test")) {
                try store.addShieldRule(equivalent, domain: "a.test")
            }
            #expect(throws: ShieldError.unknownSite("nope.test")) { try store.shieldRules(domain: "nope.test") }
            #expect(try store.removeShieldRule(rules[0], domain: "a.test"))
            #expect(try !store.removeShieldRule(rules[0], domain: "a.test"))
            try store.addShieldRule(rules[0], domain: "a.test")
            #expect(try store.shieldRules(domain: "a.test") == [rules[1], rules[2], rules[0]])
        }
    }

    @Test func eachKindHasItsLimit() async throws {
        try await ClickHouseTestServer.withMigratedDatabase { (client: ClickHouseClient) async throws in
            let store = Self.store(client)
            try store.addSite(domain: "a.test", timezone: "UTC", rateLimit: .default)
            for index in 0..<ShieldRule.Kind.hostname.maxRules {
                try store.addShieldRule(ShieldRule(kind: .hostname, value: "h\(index).test"), domain: "a.test")
            }
            #expect(throws: ShieldError.tooManyRules(.hostname)) {
                try store.addShieldRule(ShieldRule(kind: .hostname, value: "more.test"), domain: "a.test")
            }
        }
    }

    static func id(_ domain: String) -> Int64 { ClickHouseStore.siteID(domain) }
}
