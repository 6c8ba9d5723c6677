import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PerchCore
import PerchSQLite
import PerchStats
import Testing

@testable import PerchServer

/// §14.1: statuses and messages for missing, unknown, revoked and out-of-scope keys, and the
/// per-key hourly limit.
@Suite struct StatsAuthTests {
    static let body = #"{"site_id":"example.com","metrics":["visitors"],"date_range":"day"}"#
    static let missing = "Missing API key. Please use a valid Plausible API key as a Bearer Token."
    static let invalid =
        "Invalid API key or site ID. Please make sure you're using a valid API key with access to the site "
        + "you've requested."

    @Test func refusals() async throws {
        let server = try TestServer(sites: [("example.com", .unlimited), ("other.org", .unlimited)])
        defer { server.cleanUp() }
        _ = try server.store.createAPIKey(secret: "scoped-key", domain: "other.org")
        let revoked = try server.store.createAPIKey(secret: "revoked-key", domain: nil)
        try server.store.revokeAPIKey(id: revoked.id)
        _ = try server.store.createAPIKey(secret: "good-key", domain: nil)
        try await server.run { client in
            let none = try await client.query(Self.body, key: nil)
            #expect(none.status == .unauthorized)
            #expect(none.error == Self.missing)

            let basic = try await client.execute(
                uri: "/api/v2/query", method: .post, headers: [.authorization: "Basic Zm9vOmJhcg=="],
                body: ByteBuffer(string: Self.body))
            #expect(basic.status == .unauthorized)
            #expect(basic.error == Self.missing)

            for key in ["unknown-key", "revoked-key", "scoped-key"] {
                let response = try await client.query(Self.body, key: key)
                #expect(response.status == .unauthorized, "\(key)")
                #expect(response.error == Self.invalid, "\(key)")
            }
            let unknownSite = try await client.query(
                #"{"site_id":"nope.example","metrics":["visitors"],"date_range":"day"}"#, key: "good-key")
            #expect(unknownSite.status == .unauthorized)
            #expect(unknownSite.error == Self.invalid)

            let noSite = try await client.query(#"{"metrics":["visitors"],"date_range":"day"}"#, key: "good-key")
            #expect(noSite.status == .badRequest)
            #expect(
                noSite.error == "Missing site ID. Please provide the required site_id parameter with your request.")

            let scopedOwnSite = try await client.query(
                #"{"site_id":"other.org","metrics":["visitors"],"date_range":"day"}"#, key: "scoped-key")
            #expect(scopedOwnSite.status == .ok)
            let good = try await client.query(Self.body, key: "good-key")
            #expect(good.status == .ok)
        }
    }

    @Test func hourlyLimitAnswers429UntilTheNextHour() async throws {
        let server = try TestServer()
        defer { server.cleanUp() }
        _ = try server.store.createAPIKey(secret: "limited-key", domain: nil, hourlyLimit: 2)
        _ = try server.store.createAPIKey(secret: "other-key", domain: nil, hourlyLimit: 2)
        let clock = server.clock
        try await server.run { client in
            #expect(try await client.query(Self.body, key: "limited-key").status == .ok)
            #expect(try await client.query(Self.body, key: "limited-key").status == .ok)
            let third = try await client.query(Self.body, key: "limited-key")
            #expect(third.status == .tooManyRequests)
            #expect(
                third.error
                    == "Too many API requests. Your API key is limited to 2 requests per hour. "
                    + "Please contact us to request more capacity.")
            #expect(try await client.query(Self.body, key: "other-key").status == .ok)
            clock.advance(milliseconds: 3_600_000)
            #expect(try await client.query(Self.body, key: "limited-key").status == .ok)
        }
    }
}
