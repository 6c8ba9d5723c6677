import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PerchCore
import PerchIngest
import Testing

@testable import PerchServer

/// Shields and drop visibility through a live server: the drop header Plausible sends, Perch's
/// `x-perch-drop-reason` for sites in debug mode only, the Prometheus counter by outcome and
/// reason, and hourly counts flushed into SQLite.
@Suite struct DropVisibilityTests {
    static let dropped = HTTPField.Name("x-plausible-dropped")!
    static let reason = HTTPField.Name("x-perch-drop-reason")!

    /// `example.com` in debug mode and `other.test` not, both blocking `/blocked`.
    func makeServer(fastPath: Bool) throws -> TestServer {
        let server = try TestServer(
            sites: [("example.com", .unlimited), ("other.test", .unlimited)], fastPath: fastPath)
        try server.store.setDebugDrops(domain: "example.com", enabled: true)
        for domain in ["example.com", "other.test"] {
            try server.store.addShieldRule(ShieldRule(kind: .page, value: "/blocked"), domain: domain)
        }
        for case let refresher as SiteRefresher in server.components.services { try refresher.refresh() }
        try server.components.shieldRefresher.refresh()
        return server
    }

    static func body(path: String, domains: String) -> String {
        #"{"n":"pageview","u":"https://example.com\#(path)","d":"\#(domains)"}"#
    }

    @Test(arguments: [true, false]) func debugSitesNameTheirDropReasons(fastPath: Bool) async throws {
        let server = try makeServer(fastPath: fastPath)
        defer { server.cleanUp() }
        try await server.run { client in
            let debug = try await client.event(Self.body(path: "/blocked", domains: "example.com"))
            #expect(debug.status == .accepted)
            #expect(debug.headers[Self.dropped] == "1")
            #expect(debug.headers[Self.reason] == "site_page_blocklist")

            let quiet = try await client.event(Self.body(path: "/blocked", domains: "other.test"))
            #expect(quiet.headers[Self.dropped] == "1")
            #expect(quiet.headers[Self.reason] == nil)

            let both = try await client.event(Self.body(path: "/blocked", domains: "other.test,example.com,nope.test"))
            #expect(both.headers[Self.dropped] == "3")
            #expect(both.headers[Self.reason] == "site_page_blocklist")

            let fine = try await client.event(Self.body(path: "/open", domains: "example.com"))
            #expect(fine.headers[Self.dropped] == nil)
            #expect(fine.headers[Self.reason] == nil)
        }
        try server.flush()
        #expect(try server.events().map(\.pathname) == ["/open"])
    }

    @Test func dropsAreCountedInPrometheusAndInTheStore() async throws {
        let server = try makeServer(fastPath: true)
        defer { server.cleanUp() }
        try await server.run { client in
            _ = try await client.event(Self.body(path: "/blocked", domains: "example.com,other.test"))
            _ = try await client.event(Self.body(path: "/open", domains: "example.com"))
            let metrics = try await client.execute(uri: "/metrics", method: .get)
            #expect(metrics.text.contains(#"perch_events_total{outcome="dropped",reason="site_page_blocklist"} 2"#))
            #expect(metrics.text.contains(#"perch_events_total{outcome="accepted"} 1"#))
        }
        try server.components.dropFlusher.flush()
        let counts = try server.store.dropCounts(since: 0, domain: nil)
        #expect(counts.map(\.domain) == ["example.com", "other.test"])
        #expect(counts.allSatisfy { $0.reason == "site_page_blocklist" && $0.count == 1 })
        #expect(counts.first?.hour == DropCounter.hourStart(server.clock.nowSeconds()))
    }
}
