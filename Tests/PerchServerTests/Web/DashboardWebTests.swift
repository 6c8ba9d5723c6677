import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PerchCore
import PerchSQLite
import PerchStats
import PerchWeb
import Testing

@testable import PerchServer

/// The dashboard's server side through a live socket: sign-in, sessions and CSRF, the pages'
/// configuration, the session-authenticated query route against the Stats API, and shared links.
@Suite struct DashboardWebTests {
    static let email = "owner@example.com"
    static let password = "correct horse battery"

    func makeServer() async throws -> TestServer {
        let server = try TestServer(
            durability: .fsync, sites: [("example.com", .unlimited), ("other.com", .unlimited)],
            webAssets: WebTestAssets.assets)
        _ = try server.store.createAPIKey(secret: StatsAPITests.secret, domain: nil)
        _ = try await server.store.saveUser(email: Self.email, passwordHash: try PasswordHash.make(Self.password))
        return server
    }

    @Test func pagesAndDataNeedASignedInUser() async throws {
        let server = try await makeServer()
        defer { server.cleanUp() }
        try await server.run { client in
            let jar = CookieJar()
            let sites = try await client.get("/", jar: jar)
            #expect(sites.status == .seeOther)
            #expect(sites.location == "/login?next=/")
            let dashboard = try await client.get("/example.com?period=7d", jar: jar)
            #expect(dashboard.location == "/login?next=/example.com%3Fperiod%3D7d")
            let data = try await client.dashboardQuery(
                "/api/dashboard/example.com/query", #"{"metrics":["visitors"],"date_range":"day"}"#, jar: jar,
                csrf: "x")
            #expect(data.status == .unauthorized)
        }
    }

    @Test func signInOutAndTheWrongWays() async throws {
        let server = try await makeServer()
        defer { server.cleanUp() }
        let store = server.store
        try await server.run { client in
            var jar = CookieJar()
            // A form posted without the token its page set is refused before the password is looked at.
            let forged = try await client.post(
                "/login",
                form: [
                    ("email", Self.email), ("password", Self.password),
                    ("_csrf", "a" + String(repeating: "b", count: 30)),
                ],
                jar: jar)
            #expect(forged.status == .forbidden)

            let wrong = try await client.signIn(Self.email, "not the password", jar: &jar)
            #expect(wrong.status == .unauthorized)
            #expect(wrong.text.contains("Wrong e-mail address or password."))
            #expect(wrong.text.contains("email=owner@example.com"))
            #expect(jar["perch_session"] == nil)

            let right = try await client.signIn("  Owner@Example.com ", Self.password, jar: &jar)
            #expect(right.status == .seeOther)
            #expect(right.location == "/")
            let cookie = try #require(right.headers[values: .setCookie].first { $0.hasPrefix("perch_session=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && !cookie.contains("Secure"))
            // Only the token's hash is stored.
            let token = try #require(jar["perch_session"])
            #expect(try await store.loginSession(tokenHash: token, now: 0) == nil)

            let sites = try await client.get("/", jar: jar)
            #expect(sites.status == .ok)
            let config = try #require(sites.pageConfig)
            #expect(config["user"] == .string(Self.email))
            #expect(
                config["sites"]?.json
                    == #"[{"domain":"example.com","timezone":"UTC"},{"domain":"other.com","timezone":"UTC"}]"#)
            let csrf = try #require(config["csrf"])

            let dashboard = try await client.get("/example.com", jar: jar)
            #expect(dashboard.status == .ok)
            #expect(dashboard.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
            #expect(dashboard.pageConfig?["api"] == .string("/api/dashboard/example.com"))
            #expect(dashboard.pageConfig?["csrf"] == csrf)
            #expect(dashboard.pageConfig?["shared"] == .bool(false))
            #expect(try await client.get("/missing.example", jar: jar).status == .notFound)

            guard case .string(let token) = csrf else { return }
            let noToken = try await client.post("/logout", form: [], jar: jar)
            #expect(noToken.status == .forbidden)
            let out = try await client.post("/logout", form: [("_csrf", token)], jar: jar)
            #expect(out.location == "/login")
            let stale = jar
            jar.take(out)
            #expect(jar["perch_session"] == nil)
            // The old cookie no longer works either: the session is gone from the store.
            #expect(try await client.get("/", jar: stale).status == .seeOther)
        }
    }

    @Test func failedSignInsAreThrottled() async throws {
        let server = try await makeServer()
        defer { server.cleanUp() }
        let clock = server.clock
        try await server.run { client in
            var jar = CookieJar()
            for _ in 0..<10 {
                #expect(try await client.signIn(Self.email, "guess", jar: &jar).status == .unauthorized)
            }
            let blocked = try await client.signIn(Self.email, Self.password, jar: &jar)
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.headers[.retryAfter] != nil)
            clock.advance(milliseconds: 31_000)
            #expect(try await client.signIn(Self.email, Self.password, jar: &jar).status == .seeOther)
        }
    }

    @Test func dashboardQueriesAnswerAsTheStatsAPI() async throws {
        let server = try await makeServer()
        defer { server.cleanUp() }
        let writer = server.components.writer
        try await server.run { client in
            try await StatsAPITests().seeded(writer, client)
            var jar = CookieJar()
            _ = try await client.signIn(Self.email, Self.password, jar: &jar)
            guard case .string(let csrf)? = try await client.get("/example.com", jar: jar).pageConfig?["csrf"] else {
                Issue.record("no csrf token in the page")
                return
            }
            let bodies = [
                #"{"metrics":["visitors","pageviews","bounce_rate","visit_duration"],"date_range":"day"}"#,
                #"{"metrics":["visitors","percentage"],"dimensions":["event:page"],"date_range":"7d"}"#,
                #"{"metrics":["visitors"],"dimensions":["time:hour"],"date_range":"day","include":{"time_labels":true}}"#,
            ]
            for body in bodies {
                let web = try await client.dashboardQuery(
                    "/api/dashboard/example.com/query", body, jar: jar, csrf: csrf)
                let api = try await client.query(
                    #"{"site_id":"example.com","# + body.dropFirst(), key: StatsAPITests.secret)
                #expect(web.status == .ok)
                #expect(web.json?["results"] != nil)
                #expect(web.json?["results"] == api.json?["results"])
                #expect(web.json?["meta"] == api.json?["meta"])
            }
            // The URL's site wins over a site_id in the body.
            let other = try await client.dashboardQuery(
                "/api/dashboard/other.com/query",
                #"{"site_id":"example.com","metrics":["visitors"],"date_range":"day"}"#,
                jar: jar, csrf: csrf)
            #expect(other.rows[""] == [.int(0)])

            let missing = try await client.dashboardQuery(
                "/api/dashboard/example.com/query", bodies[0], jar: jar, csrf: nil)
            #expect(missing.status == .forbidden)
            let forged = try await client.dashboardQuery(
                "/api/dashboard/example.com/query", bodies[0], jar: jar, csrf: csrf + "x")
            #expect(forged.status == .forbidden)
            let invalid = try await client.dashboardQuery(
                "/api/dashboard/example.com/query", #"{"metrics":["nope"],"date_range":"day"}"#, jar: jar, csrf: csrf)
            #expect(invalid.status == .badRequest)
            #expect(invalid.error?.isEmpty == false)

            // The realtime graph's minute buckets (a Perch extension).
            let minutes = try await client.dashboardQuery(
                "/api/dashboard/example.com/query",
                #"{"metrics":["visitors"],"dimensions":["time:minute"],"#
                    + #""date_range":["2025-11-24T15:45:00Z","2025-11-24T16:14:59Z"],"include":{"time_labels":true}}"#,
                jar: jar, csrf: csrf)
            #expect(minutes.rows == [#""2025-11-24 16:00:00""#: [.int(2)]])
            guard case .array(let labels)? = minutes.json?["meta"]?["time_labels"] else {
                Issue.record("no time labels: \(minutes.text)")
                return
            }
            #expect(labels.count == 30)
            #expect(labels.first == .string("2025-11-24 15:45:00"))
            let tooLong = try await client.dashboardQuery(
                "/api/dashboard/example.com/query",
                #"{"metrics":["visitors"],"dimensions":["time:minute"],"date_range":"7d"}"#, jar: jar, csrf: csrf)
            #expect(tooLong.status == .badRequest)

            let current = try await client.get(
                "/api/dashboard/example.com/current-visitors", jar: jar,
                headers: [HTTPField.Name("X-Perch-CSRF")!: csrf])
            #expect(current.text == #"{"visitors":2}"#)
        }
    }

    @Test func sharedLinksAreReadOnlyAndMayAskForAPassword() async throws {
        let server = try await makeServer()
        defer { server.cleanUp() }
        let open = try await server.store.createSharedLink(
            domain: "example.com", slug: SecretToken.random(bytes: 16), passwordHash: nil)
        let locked = try await server.store.createSharedLink(
            domain: "example.com", slug: SecretToken.random(bytes: 16),
            passwordHash: try PasswordHash.make("letmein123"))
        try await server.run { client in
            var jar = CookieJar()
            let page = try await client.get(open.path, jar: jar)
            #expect(page.status == .ok)
            let config = try #require(page.pageConfig)
            #expect(config["shared"] == .bool(true))
            #expect(config["user"] == .null)
            #expect(config["sites"]?.json == "[]")
            #expect(config["authQuery"] == .string("?auth=" + open.slug))
            guard case .string(let csrf)? = config["csrf"] else { return }
            let body = #"{"metrics":["visitors"],"date_range":"day"}"#
            let answer = try await client.dashboardQuery(
                "/api/dashboard/example.com/query?auth=" + open.slug, body, jar: jar, csrf: csrf)
            #expect(answer.status == .ok)
            // The link opens its own site only, and only with its own token.
            let elsewhere = try await client.dashboardQuery(
                "/api/dashboard/other.com/query?auth=" + open.slug, body, jar: jar, csrf: csrf)
            #expect(elsewhere.status == .unauthorized)
            #expect(try await client.get("/share/other.com?auth=" + open.slug, jar: jar).status == .notFound)
            #expect(
                try await client.get("/share/example.com?auth=" + String(repeating: "x", count: 22), jar: jar).status
                    == .notFound)
            #expect(try await client.get("/share/example.com", jar: jar).status == .notFound)
            // Not a session: the sites list still needs a sign-in.
            #expect(try await client.get("/", jar: jar).status == .seeOther)

            let embedded = try await client.get(open.path + "&embed=true", jar: jar)
            #expect(embedded.pageConfig?["embed"] == .bool(true))
            #expect(embedded.headers[HTTPField.Name("X-Frame-Options")!] == nil)
            #expect(embedded.headers[.contentSecurityPolicy]?.contains("frame-ancestors *") == true)

            let ask = try await client.get(locked.path, jar: jar)
            #expect(ask.status == .ok)
            #expect(ask.pageConfig == nil)
            let token = try #require(ask.text.split(separator: ";").first?.dropFirst("csrf=".count)).description
            let lockedQuery = try await client.dashboardQuery(
                "/api/dashboard/example.com/query?auth=" + locked.slug, body, jar: jar, csrf: token)
            #expect(lockedQuery.status == .unauthorized)
            let action = "/share/example.com/authenticate?auth=" + locked.slug
            let wrong = try await client.post(action, form: [("password", "nope"), ("_csrf", token)], jar: jar)
            #expect(wrong.status == .unauthorized)
            let right = try await client.post(action, form: [("password", "letmein123"), ("_csrf", token)], jar: jar)
            #expect(right.status == .seeOther)
            #expect(right.location == locked.path)
            jar.take(right)
            #expect(try await client.get(locked.path, jar: jar).pageConfig?["shared"] == .bool(true))
            let unlocked = try await client.dashboardQuery(
                "/api/dashboard/example.com/query?auth=" + locked.slug, body, jar: jar, csrf: token)
            #expect(unlocked.status == .ok)
        }
    }

    @Test func trackerUnderPlausiblesFileNames() async throws {
        let server = try await makeServer()
        defer { server.cleanUp() }
        try await server.run { client in
            let jar = CookieJar()
            for name in [
                "script.js", "plausible.js", "script.outbound-links.hash.js", "script.tagged-events.revenue.js",
            ] {
                let response = try await client.get("/js/" + name, jar: jar)
                #expect(response.status == .ok, "\(name)")
                #expect(response.text == "(function(){})()\n")
                #expect(response.headers[.contentType] == "text/javascript; charset=utf-8")
                #expect(response.headers[.accessControlAllowOrigin] == "*")
            }
            for name in ["evil.js", "script.ts", "script..js", "script.HASH.js"] {
                #expect(try await client.get("/js/" + name, jar: jar).status == .notFound, "\(name)")
            }
            let first = try await client.get("/js/script.js", jar: jar)
            let etag = try #require(first.headers[.eTag])
            let again = try await client.get("/js/script.js", jar: jar, headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified)
            #expect(try await client.get("/assets/..%2Fperch.sqlite3", jar: jar).status == .notFound)
        }
    }
}
