import PerchClickHouse
import PerchCore
import Testing

/// Dashboard users, sign-ins, shared links and the signing secret (migration 3), on a real server.
@Suite struct ClickHouseDashboardAccountsTests {
    static let now: Int64 = 1_790_000_000

    @Test func aNewPasswordOrARemovalSignsOutEveryBrowser() async throws {
        try await ClickHouseTestServer.withMigratedDatabase { (client: ClickHouseClient) async throws in
            let clock = ManualWallClock(seconds: Self.now)
            let store = ClickHouseStore(client: client, clock: clock)
            let user = try await store.saveUser(email: " Ann@Example.com", passwordHash: "hash-1")
            #expect(user.email == "ann@example.com" && user.createdAt == Self.now)
            #expect(try await store.user(email: "ANN@example.com") == user)
            try await store.createLoginSession(
                tokenHash: "t1", userID: user.id, csrfToken: "c1", expiresAt: Self.now + 60)
            #expect(
                try await store.loginSession(tokenHash: "t1", now: Self.now)
                    == LoginSession(user: user, csrfToken: "c1", expiresAt: Self.now + 60))
            #expect(try await store.loginSession(tokenHash: "t1", now: Self.now + 60) == nil)
            #expect(try await store.loginSession(tokenHash: "unknown", now: Self.now) == nil)

            clock.advance(seconds: 5)
            let changed = try await store.saveUser(email: "ann@example.com", passwordHash: "hash-2")
            #expect(changed.id == user.id && changed.createdAt == user.createdAt && changed.passwordHash == "hash-2")
            #expect(try await store.loginSession(tokenHash: "t1", now: Self.now) == nil)

            try await store.createLoginSession(
                tokenHash: "t2", userID: user.id, csrfToken: "c2", expiresAt: Self.now + 60)
            try await store.createLoginSession(
                tokenHash: "t3", userID: user.id, csrfToken: "c3", expiresAt: Self.now + 60)
            try await store.deleteLoginSession(tokenHash: "t2")
            #expect(try await store.loginSession(tokenHash: "t2", now: Self.now) == nil)
            #expect(try await store.loginSession(tokenHash: "t3", now: Self.now)?.csrfToken == "c3")

            let bob = try await store.saveUser(email: "bob@example.com", passwordHash: "h")
            #expect(try await store.users() == [changed, bob])
            #expect(try await store.removeUser(email: "ann@example.com"))
            #expect(try await !store.removeUser(email: "ann@example.com"))
            #expect(try await store.loginSession(tokenHash: "t3", now: Self.now) == nil)
            #expect(try await store.users() == [bob])
        }
    }

    @Test func expiredDaysOfSignInsAreDroppedWhole() async throws {
        try await ClickHouseTestServer.withMigratedDatabase { (client: ClickHouseClient) async throws in
            let store = ClickHouseStore(client: client, clock: ManualWallClock(seconds: Self.now))
            let user = try await store.saveUser(email: "a@example.com", passwordHash: "h")
            try await store.createLoginSession(tokenHash: "old", userID: user.id, csrfToken: "c", expiresAt: Self.now)
            try await store.createLoginSession(
                tokenHash: "new", userID: user.id, csrfToken: "c", expiresAt: Self.now + 3 * 86_400)
            try await store.deleteExpiredLoginSessions(now: Self.now + 2 * 86_400)
            let left = try client.queryBlocking("SELECT token_hash FROM login_sessions").rows.map { try $0[0].string() }
            #expect(left == ["new"])
        }
    }

    @Test func sharedLinksOfActiveSites() async throws {
        try await ClickHouseTestServer.withMigratedDatabase { (client: ClickHouseClient) async throws in
            let clock = ManualWallClock(seconds: Self.now)
            let store = ClickHouseStore(client: client, clock: clock)
            let a = try store.addSite(domain: "a.test", timezone: "UTC", rateLimit: .default)
            try store.addSite(domain: "b.test", timezone: "UTC", rateLimit: .default)
            let first = try await store.createSharedLink(domain: "www.a.test", slug: "slug-1", passwordHash: nil)
            #expect(first.siteID == a.id && first.domain == "a.test")
            clock.advance(seconds: 1)
            let second = try await store.createSharedLink(domain: "b.test", slug: "slug-2", passwordHash: "pw")
            await #expect(throws: SiteAdministrationError.unknownSite(domain: "c.test")) {
                try await store.createSharedLink(domain: "c.test", slug: "slug-3", passwordHash: nil)
            }
            #expect(try await store.sharedLinks(domain: nil) == [first, second])
            #expect(try await store.sharedLinks(domain: "b.test") == [second])
            #expect(try await store.sharedLink(slug: "slug-2") == second)
            try store.removeSite(domain: "b.test")
            #expect(try await store.sharedLink(slug: "slug-2") == nil)
            #expect(try await store.removeSharedLink(slug: "slug-1"))
            #expect(try await !store.removeSharedLink(slug: "slug-1"))
            #expect(try await store.sharedLinks(domain: nil).isEmpty)
        }
    }

    @Test func everyNodeReadsOneSigningSecret() async throws {
        try await ClickHouseTestServer.withMigratedDatabase { (client: ClickHouseClient) async throws in
            let first = ClickHouseStore(client: client)
            let second = ClickHouseStore(client: client)
            async let a = first.signingSecret()
            async let b = second.signingSecret()
            let (secretA, secretB) = try await (a, b)
            #expect(secretA.count == 32 && secretA == secretB)
            #expect(try await first.signingSecret() == secretA)
        }
    }
}
