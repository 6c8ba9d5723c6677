import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PerchCore
import PerchEnrich
import Testing

@testable import PerchServer

/// `POST /api/event` over a real socket: statuses, bodies and headers as Plausible answers them,
/// through the channel fast path and through the Hummingbird route alike.
@Suite struct EventsAPITests {
    static let dropped = HTTPField.Name("x-plausible-dropped")!

    @Test(arguments: [true, false]) func pageviewIsAcceptedAndStored(fastPath: Bool) async throws {
        let server = try TestServer(fastPath: fastPath)
        defer { server.cleanUp() }
        try await server.run { client in
            let response = try await client.event(
                #"{"n":"pageview","u":"https://example.com/pricing?utm_source=hn","d":"example.com"}"#
            )
            #expect(response.status == .accepted)
            #expect(response.text == "ok")
            #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
            #expect(response.headers[Self.dropped] == nil)
        }
        try server.flush()
        let events = try server.events()
        #expect(events.count == 1)
        #expect(events.first?.pathname == "/pricing")
        #expect(events.first?.visit.utmSource == "hn")
        #expect(events.first?.timestamp == server.clock.nowSeconds())
        #expect(try server.sessions().first?.pageviews == 1)
    }

    @Test(arguments: [true, false]) func validationErrorsAre400WithPlausibleMessages(fastPath: Bool) async throws {
        let server = try TestServer(fastPath: fastPath)
        defer { server.cleanUp() }
        try await server.run { client in
            let response = try await client.event("{}")
            #expect(response.status == .badRequest)
            #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            let json = try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any]
            let errors = json?["errors"] as? [String: [String]]
            #expect(errors?["event_name"] == ["can't be blank"])
            #expect(errors?["domain"] == ["can't be blank"])
            #expect(errors?["url"] == ["is required"])

            let notJSON = try await client.event("not json")
            #expect(notJSON.status == .badRequest)
            #expect(notJSON.text == #"{"errors":{"request":["Unable to parse request body as json"]}}"#)
        }
    }

    @Test(arguments: [true, false]) func malformedBodiesNeverBreakTheServer(fastPath: Bool) async throws {
        let server = try TestServer(fastPath: fastPath)
        defer { server.cleanUp() }
        try await server.run { client in
            let tooLarge = String(repeating: "a", count: 1_000_001)
            let large = try await client.event(
                #"{"n":"pageview","u":"https://example.com/","d":"example.com","x":""#
                    + tooLarge + #""}"#)
            #expect(large.status == .badRequest)
            #expect(large.text == #"{"errors":{"request":["Unable to parse request body as json"]}}"#)

            var invalidUTF8 = ByteBuffer(string: #"{"n":"pageview","u":"https://example.com/"#)
            invalidUTF8.writeBytes([0xC3, 0x28])
            invalidUTF8.writeString(#"","d":"example.com"}"#)
            let bad = try await client.execute(
                uri: "/api/event", method: .post, headers: [.contentType: "text/plain"], body: invalidUTF8)
            #expect(bad.status == .badRequest)

            let escape = try await client.event(
                #"{"n":"pageview","u":"https://example.com/%E0%A4%A","d":"example.com"}"#)
            #expect(escape.status == .badRequest)

            let fine = try await client.event(#"{"n":"pageview","u":"https://example.com/","d":"example.com"}"#)
            #expect(fine.status == .accepted)
        }
    }

    @Test(arguments: [true, false]) func unknownSiteIsDroppedWithHeader(fastPath: Bool) async throws {
        let server = try TestServer(fastPath: fastPath)
        defer { server.cleanUp() }
        try await server.run { client in
            let response = try await client.event(#"{"n":"pageview","u":"https://nope.com/","d":"nope.com"}"#)
            #expect(response.status == .accepted)
            #expect(response.text == "ok")
            #expect(response.headers[Self.dropped] == "1")
        }
    }

    @Test(arguments: [true, false]) func domainsMatchCaseInsensitivelyAndWithoutWWW(fastPath: Bool) async throws {
        let server = try TestServer(fastPath: fastPath)
        defer { server.cleanUp() }
        try await server.run { client in
            let response = try await client.event(#"{"n":"pageview","u":"https://example.com/","d":"WWW.Example.COM"}"#)
            #expect(response.headers[Self.dropped] == nil)
        }
        try server.flush()
        #expect(try server.events().count == 1)
    }

    @Test(arguments: [true, false]) func severalDomainsStoreOneEventEachWithOneTimestamp(fastPath: Bool) async throws {
        let server = try TestServer(sites: [("a.com", .unlimited), ("b.com", .unlimited)], fastPath: fastPath)
        defer { server.cleanUp() }
        try await server.run { client in
            let response = try await client.event(#"{"n":"pageview","u":"https://a.com/","d":"a.com,b.com,c.com"}"#)
            #expect(response.status == .accepted)
            #expect(response.headers[Self.dropped] == "1")
        }
        try server.flush()
        let a = try server.events(site: "a.com")
        let b = try server.events(site: "b.com")
        #expect(a.count == 1 && b.count == 1)
        #expect(a.first?.timestamp == b.first?.timestamp)
    }

    @Test(arguments: [true, false]) func rateLimitAnswers429WhenEveryDomainIsLimited(fastPath: Bool) async throws {
        let limited = RateLimit(eventsPerMinute: 60, burst: 2)
        let server = try TestServer(sites: [("example.com", limited), ("free.com", .unlimited)], fastPath: fastPath)
        defer { server.cleanUp() }
        let clock = server.clock
        try await server.run { client in
            let body = #"{"n":"pageview","u":"https://example.com/","d":"example.com"}"#
            #expect(try await client.event(body).status == .accepted)
            #expect(try await client.event(body).status == .accepted)
            let over = try await client.event(body)
            #expect(over.status == .tooManyRequests)
            #expect(over.headers[.retryAfter] == "1")
            #expect(over.text == #"{"errors":{"request":["rate limit exceeded"]}}"#)

            let mixed = try await client.event(
                #"{"n":"pageview","u":"https://example.com/","d":"example.com,free.com"}"#)
            #expect(mixed.status == .accepted)
            #expect(mixed.headers[Self.dropped] == "1")

            clock.advance(seconds: 1)
            #expect(try await client.event(body).status == .accepted)
        }
    }

    @Test(arguments: [true, false]) func engagementWithoutSessionIsDropped(fastPath: Bool) async throws {
        let server = try TestServer(fastPath: fastPath)
        defer { server.cleanUp() }
        try await server.run { client in
            let engagement = #"{"n":"engagement","u":"https://example.com/","d":"example.com","sd":40,"e":1200}"#
            let lonely = try await client.event(engagement)
            #expect(lonely.headers[Self.dropped] == "1")
            #expect(
                try await client.event(#"{"n":"pageview","u":"https://example.com/","d":"example.com"}"#).status
                    == .accepted)
            let kept = try await client.event(engagement)
            #expect(kept.headers[Self.dropped] == nil)
        }
        try server.flush()
        let events = try server.events()
        #expect(events.map(\.name) == ["pageview", "engagement"])
        #expect(events.last?.scrollDepth == 40)
        #expect(events[0].sessionID == events[1].sessionID)
        #expect(try server.sessions().first?.events == 1)
    }

    @Test(arguments: [true, false]) func forwardedClientIPFromLoopbackSeparatesVisitors(fastPath: Bool) async throws {
        let server = try TestServer(fastPath: fastPath)
        defer { server.cleanUp() }
        try await server.run { client in
            let body = #"{"n":"pageview","u":"https://example.com/","d":"example.com"}"#
            _ = try await client.event(body, headers: [HTTPField.Name("X-Forwarded-For")!: "203.0.113.1"])
            _ = try await client.event(body, headers: [HTTPField.Name("X-Forwarded-For")!: "203.0.113.1, 127.0.0.1"])
            _ = try await client.event(body, headers: [HTTPField.Name("X-Forwarded-For")!: "203.0.113.2"])
        }
        try server.flush()
        let users = try server.events().map(\.userID)
        #expect(users.count == 3)
        #expect(users[0] == users[1])
        #expect(users[0] != users[2])
        #expect(try server.sessions().count == 2)
    }

    @Test(arguments: [true, false]) func forwardedHeadersFromAnUntrustedPeerAreIgnored(fastPath: Bool) async throws {
        let server = try TestServer(fastPath: fastPath, trustedProxies: [CIDRBlock("10.0.0.0/8")!])
        defer { server.cleanUp() }
        try await server.run { client in
            let body = #"{"n":"pageview","u":"https://example.com/","d":"example.com"}"#
            for spoofed in ["203.0.113.1", "203.0.113.2", "198.51.100.3"] {
                _ = try await client.event(
                    body,
                    headers: [
                        HTTPField.Name("X-Forwarded-For")!: spoofed, HTTPField.Name("X-Plausible-IP")!: spoofed,
                        HTTPField.Name("CF-Connecting-IP")!: spoofed, HTTPField.Name("Forwarded")!: "for=\(spoofed)",
                    ]
                )
            }
        }
        try server.flush()
        #expect(Set(try server.events().map(\.userID)).count == 1, "a client must not choose its own IP")
    }

    @Test(arguments: [true, false]) func corsPreflightAndHeaders(fastPath: Bool) async throws {
        let server = try TestServer(fastPath: fastPath)
        defer { server.cleanUp() }
        try await server.run { client in
            let preflight = try await client.execute(uri: "/api/event", method: .options)
            #expect(preflight.status == .noContent)
            #expect(preflight.headers[.accessControlAllowOrigin] == "*")
            #expect(preflight.headers[.accessControlAllowCredentials] == "true")
            #expect(preflight.headers[.accessControlMaxAge] == "1728000")
            #expect(preflight.headers[.accessControlAllowMethods] == "GET,POST,PUT,PATCH,DELETE,OPTIONS")
            #expect(
                preflight.headers[.accessControlAllowHeaders]?.hasPrefix("Authorization,Content-Type,Accept") == true)
            let anyPath = try await client.execute(uri: "/anything", method: .options)
            #expect(anyPath.status == .noContent)
            let post = try await client.event(#"{"n":"pageview","u":"https://example.com/","d":"example.com"}"#)
            #expect(post.headers[.accessControlAllowOrigin] == "*")
            #expect(post.headers[.accessControlAllowCredentials] == "true")
        }
    }

    @Test(arguments: [true, false]) func healthAndMetrics(fastPath: Bool) async throws {
        let server = try TestServer(fastPath: fastPath)
        defer { server.cleanUp() }
        try await server.run { client in
            let health = try await client.execute(uri: "/api/health", method: .get)
            #expect(health.status == .ok)
            _ = try await client.event(#"{"n":"pageview","u":"https://example.com/","d":"example.com"}"#)
            _ = try await client.event(#"{"n":"pageview","u":"https://nope.com/","d":"nope.com"}"#)
            let metrics = try await client.execute(uri: "/metrics", method: .get).text
            #expect(metrics.contains(#"perch_event_requests_total{status="202"} 2"#))
            #expect(metrics.contains("perch_events_accepted_total 1"))
            #expect(metrics.contains(#"perch_events_dropped_total{reason="not_found"} 1"#))
            #expect(metrics.contains("perch_journal_pending_entries"))
        }
    }

    @Test(arguments: [true, false]) func fsyncModeAnswersAfterTheJournalIsDurable(fastPath: Bool) async throws {
        let server = try TestServer(durability: .fsync, fastPath: fastPath)
        defer { server.cleanUp() }
        try await server.run { client in
            try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<50 {
                    group.addTask {
                        try await client.event(
                            #"{"n":"pageview","u":"https://example.com/\#(index)","d":"example.com"}"#
                        )
                        .status
                    }
                }
                for try await status in group { #expect(status == .accepted) }
            }
            let metrics = try await client.execute(uri: "/metrics", method: .get).text
            let synced = metrics.split(separator: "\n").first { $0.hasPrefix("perch_journal_synced_entries_total ") }
            #expect(synced == "perch_journal_synced_entries_total 50", "each event's entry made durable once")
            #expect(metrics.contains("perch_journal_syncs_total "))
        }
        try server.flush()
        #expect(try server.events().count == 50)
    }
}
