import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PerchCore
import Testing

@testable import PerchServer

/// Plausible behaviours at the HTTP edge that issue 10 found missing, on both HTTP paths.
@Suite struct ParityRoutesTests {
    /// `GET /api/error`: Plausible's tracker reports its own errors there and gets `200` with an
    /// empty body (spec §1.1).
    @Test(arguments: [true, false]) func errorBeaconIs200WithAnEmptyBody(fastPath: Bool) async throws {
        let server = try TestServer(fastPath: fastPath)
        defer { server.cleanUp() }
        try await server.run { client in
            let response = try await client.execute(uri: "/api/error?message=boom", method: .get)
            #expect(response.status == .ok)
            #expect(response.body.readableBytes == 0)
        }
    }

    /// A site limited to 0 events per minute is blocked (Plausible's blocked sites): every event,
    /// the first one included, is answered 429, and nothing is stored.
    @Test(arguments: [true, false]) func blockedSiteAnswers429ToEveryEvent(fastPath: Bool) async throws {
        let blocked = RateLimit(eventsPerMinute: 0, burst: 120)
        let server = try TestServer(sites: [("example.com", blocked), ("free.com", .unlimited)], fastPath: fastPath)
        defer { server.cleanUp() }
        let clock = server.clock
        try await server.run { client in
            let body = #"{"n":"pageview","u":"https://example.com/","d":"example.com"}"#
            for _ in 0..<3 {
                let response = try await client.event(body)
                #expect(response.status == .tooManyRequests)
                #expect(response.text == #"{"errors":{"request":["rate limit exceeded"]}}"#)
                #expect(response.headers[.retryAfter] != nil)
            }
            clock.advance(seconds: 3600)
            #expect(try await client.event(body).status == .tooManyRequests)
            let free = #"{"n":"pageview","u":"https://free.com/","d":"free.com"}"#
            #expect(try await client.event(free).status == .accepted)
        }
        try server.flush()
        #expect(try server.events().isEmpty)
        #expect(try server.events(site: "free.com").count == 1)
    }
}
