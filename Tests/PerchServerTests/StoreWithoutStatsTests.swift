import Hummingbird
import HummingbirdTesting
import Testing

/// A store without a Stats reader (the ClickHouse store until its dialect lands): events are
/// taken and the tracker is served, the Stats API and the dashboard answer 501 with a reason.
@Suite struct StoreWithoutStatsTests {
    @Test func eventsAreTakenAndStatsAnswer501() async throws {
        let server = try TestServer(withStats: false)
        defer { server.cleanUp() }
        try await server.run { client in
            let event = try await client.event(#"{"n":"pageview","u":"https://example.com/","d":"example.com"}"#)
            #expect(event.status == .accepted)
            let query = try await client.execute(
                uri: "/api/v2/query", method: .post, headers: [.authorization: "Bearer x"],
                body: ByteBuffer(string: #"{"site_id":"example.com","metrics":["visitors"],"date_range":"7d"}"#))
            #expect(query.status == .notImplemented)
            #expect(
                String(buffer: query.body).hasPrefix(#"{"error":"The Stats API and the dashboard are not available"#))
            let realtime = try await client.execute(
                uri: "/api/v1/stats/realtime/visitors?site_id=example.com", method: .get)
            #expect(realtime.status == .notImplemented)
            #expect(try await client.execute(uri: "/", method: .get).status == .notImplemented)
            #expect(try await client.execute(uri: "/login", method: .get).status == .notImplemented)
            let tracker = try await client.execute(uri: "/js/script.js", method: .get)
            #expect(tracker.status == .ok && tracker.body.readableBytes > 0)
        }
        try server.flush()
        #expect(try server.events().count == 1)
    }
}
