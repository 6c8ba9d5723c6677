import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PerchCore
import PerchStats
import Testing

@testable import PerchServer

/// Revenue as Plausible keeps it (spec §4.6), from `/api/event` to the Stats API: stored only for an
/// event named by a revenue goal, the reporting amount only in the goal's currency, and
/// `total_revenue`/`average_revenue` over what was stored. The goal is added while the server runs
/// and applies to the very next event.
@Suite struct RevenueStatsTests {
    static let secret = "test-secret-0123456789abcdefghijklmnopqrstuv"

    func revenueEvent(_ name: String, _ amount: String, _ currency: String, ip: String) -> (String, HTTPFields) {
        let body =
            #"{"n":"\#(name)","u":"https://example.com/checkout","d":"example.com","#
            + #""$":{"amount":"\#(amount)","currency":"\#(currency)"}}"#
        let headers: HTTPFields = [
            .userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
            HTTPField.Name("X-Forwarded-For")!: ip,
        ]
        return (body, headers)
    }

    @Test func onlyGoalEventsCarryRevenueAndTheMetricsFollow() async throws {
        let server = try TestServer(durability: .fsync, sites: [("example.com", .unlimited)])
        defer { server.cleanUp() }
        _ = try server.store.createAPIKey(secret: Self.secret, domain: nil)
        let writer = server.components.writer
        let store = server.store
        try await server.run { client in
            // Added after the server loaded its sites: the first Purchase must still see it.
            _ = try store.addGoal(Goal(kind: .event("Purchase"), currency: "EUR"), domain: "example.com")
            for (name, amount, currency, ip) in [
                ("Purchase", "10", "EUR", "203.0.113.1"), ("Purchase", "20", "USD", "203.0.113.2"),
                ("Signup", "5", "EUR", "203.0.113.3"),
            ] {
                let (body, headers) = revenueEvent(name, amount, currency, ip: ip)
                #expect(try await client.event(body, headers: headers).status == .accepted)
            }
            while try writer.flushOnce() > 0 {}
            let response = try await client.query(
                #"{"site_id":"example.com","metrics":["total_revenue","average_revenue"],"#
                    + #""filters":[["is","event:goal",["Purchase"]]],"date_range":"day"}"#, key: Self.secret)
            #expect(response.status == .ok)
            let metrics = response.rows[""]?.map(\.json) ?? []
            #expect(metrics.count == 2)
            // Only the EUR purchase has a reporting amount: 10 in total, 10 on average.
            #expect(metrics.allSatisfy { $0.contains(#""currency":"EUR""#) && $0.contains(#""value":10"#) })
        }
        let stored = Dictionary(
            try server.events().map { ($0.name + "/" + ($0.revenue?.sourceCurrency ?? "-"), $0.revenue) },
            uniquingKeysWith: { first, _ in first })
        #expect(stored["Purchase/EUR"]??.reportingAmount == MilliAmount(thousandths: 10_000))
        #expect(stored["Purchase/USD"]??.reportingAmount == nil)
        #expect(stored["Purchase/USD"]??.reportingCurrency == "EUR")
        #expect(stored["Signup/-"] != nil, "no revenue goal for Signup: stored without revenue")
    }
}
