import PerchClickHouse
import PerchCore
import PerchStats
import Testing

/// Goals and Stats API keys in the versioned configuration tables, on a real server.
@Suite struct ClickHouseGoalsAndKeysTests {
    @Test func goalsAreAddedOnceListedInOrderAndRemoved() async throws {
        try await ClickHouseTestServer.withMigratedDatabase { (client: ClickHouseClient) async throws in
            let clock = ManualWallClock(seconds: 1_790_000_000)
            let store = ClickHouseStore(client: client, clock: clock)
            let site = try store.addSite(domain: "a.test", timezone: "UTC", rateLimit: .default)
            let goals = [Goal(kind: .page("/thanks")), Goal(kind: .event("Signup"), currency: "EUR")]
            for goal in goals {
                #expect(try store.addGoal(goal, domain: "a.test"))
                clock.advance(milliseconds: 1)
            }
            #expect(try !store.addGoal(Goal(kind: .event("Signup")), domain: "a.test"))
            #expect(try store.goals(domain: "www.a.test") == goals)
            #expect(try store.activeGoals(siteID: site.id) == goals)
            #expect(throws: SiteAdministrationError.unknownSite(domain: "b.test")) {
                try store.addGoal(goals[0], domain: "b.test")
            }
            #expect(try store.removeGoal(.page("/thanks"), domain: "a.test"))
            #expect(try !store.removeGoal(.page("/thanks"), domain: "a.test"))
            #expect(try store.goals(domain: "a.test") == [goals[1]])
            // A goal added again comes back with what it is given now.
            #expect(try store.addGoal(Goal(kind: .page("/thanks")), domain: "a.test"))
            #expect(try store.goals(domain: "a.test") == [goals[1], goals[0]])
        }
    }

    @Test func keysAreFoundByTheirSecretsHashUntilRevoked() async throws {
        try await ClickHouseTestServer.withMigratedDatabase { (client: ClickHouseClient) async throws in
            let store = ClickHouseStore(client: client, clock: ManualWallClock(seconds: 1_790_000_000))
            try store.addSite(domain: "a.test", timezone: "UTC", rateLimit: .default)
            let all = try store.createAPIKey(secret: "secret-for-everything", domain: nil, hourlyLimit: 600)
            let one = try store.createAPIKey(secret: "secret-for-a", domain: "WWW.a.test", hourlyLimit: 10)
            #expect(all.id != one.id && all.id > 0 && one.id > 0)
            #expect(one.siteDomain == "a.test" && one.prefix == "secret-f" && one.hourlyLimit == 10)
            #expect(Set(try store.apiKeys()) == [all, one])
            #expect(try store.activeAPIKey(hash: APIKey.hash("secret-for-a")) == one)
            #expect(try store.activeAPIKey(hash: APIKey.hash("secret-for-b")) == nil)
            #expect(throws: SiteAdministrationError.unknownSite(domain: "b.test")) {
                try store.createAPIKey(secret: "x", domain: "b.test", hourlyLimit: 1)
            }
            #expect(try store.revokeAPIKey(id: one.id))
            #expect(try !store.revokeAPIKey(id: one.id))
            #expect(try store.activeAPIKey(hash: APIKey.hash("secret-for-a")) == nil)
            #expect(try store.apiKeys() == [all])
        }
    }
}
