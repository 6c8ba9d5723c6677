import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PerchCore
import PerchJournal
import PerchSQLite
import PerchStats
import Testing

@testable import PerchServer

/// The Stats API through a live server: events posted to `/api/event`, flushed, then queried.
@Suite struct StatsAPITests {
    static let secret = "test-secret-0123456789abcdefghijklmnopqrstuv"

    /// Visitor A views `/` and `/pricing` then signs up; visitor B bounces on `/`.
    func seeded(_ writer: EventWriter, _ client: any TestClientProtocol) async throws {
        try await client.visit("/", from: "203.0.113.1")
        try await client.visit("/pricing", from: "203.0.113.1")
        try await client.visit("/pricing", from: "203.0.113.1", name: "Signup")
        try await client.visit("/", from: "203.0.113.2")
        while try writer.flushOnce() > 0 {}
    }

    /// fsync: the 202 waits until the event is journaled, so `flushOnce` finds it.
    func makeServer(sites: [String] = ["example.com"]) throws -> TestServer {
        let server = try TestServer(durability: .fsync, sites: sites.map { ($0, RateLimit.unlimited) })
        _ = try server.store.createAPIKey(secret: Self.secret, domain: nil)
        return server
    }

    @Test func aggregateBreakdownAndTimeseries() async throws {
        let server = try makeServer()
        defer { server.cleanUp() }
        let writer = server.components.writer
        try await server.run { client in
            try await seeded(writer, client)
            let aggregate = try await client.query(
                #"{"site_id":"example.com","metrics":["visitors","pageviews","bounce_rate","events"],"#
                    + #""date_range":"day"}"#, key: Self.secret)
            #expect(aggregate.status == .ok)
            #expect(aggregate.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(aggregate.rows[""] == [.int(2), .int(3), .int(50), .int(4)])

            let pages = try await client.query(
                #"{"site_id":"example.com","metrics":["visitors"],"dimensions":["event:page"],"date_range":"day"}"#,
                key: Self.secret)
            #expect(pages.rows == [#""/""#: [.int(2)], #""/pricing""#: [.int(1)]])
            #expect(pages.json?["results"]?.json.hasPrefix(#"[{"metrics":[2],"dimensions":["/"]}"#) == true)

            let days = try await client.query(
                #"{"site_id":"example.com","metrics":["visitors"],"dimensions":["time:day"],"#
                    + #""date_range":["2025-11-23","2025-11-24"],"include":{"time_labels":true,"total_rows":true}}"#,
                key: Self.secret)
            #expect(days.rows == [#""2025-11-24""#: [.int(2)]])
            #expect(days.json?["meta"]?.json == #"{"time_labels":["2025-11-23","2025-11-24"],"total_rows":1}"#)

            // The echoed query can be posted again and gives the same answer.
            let echo = try #require(days.json?["query"])
            let again = try await client.query(echo.json, key: Self.secret)
            #expect(again.status == .ok)
            #expect(again.rows == days.rows)
        }
    }

    @Test func goalConversionRate() async throws {
        let server = try makeServer()
        defer { server.cleanUp() }
        try server.store.addGoal(.event("Signup"), domain: "example.com")
        let writer = server.components.writer
        try await server.run { client in
            try await seeded(writer, client)
            let response = try await client.query(
                #"{"site_id":"example.com","metrics":["visitors","conversion_rate"],"#
                    + #""filters":[["is","event:goal",["Signup"]]],"date_range":"day"}"#, key: Self.secret)
            #expect(response.status == .ok)
            #expect(response.rows[""] == [.int(1), .double(50)])
            let unknownGoal = try await client.query(
                #"{"site_id":"example.com","metrics":["visitors"],"filters":[["is","event:goal",["Nope"]]],"#
                    + #""date_range":"day"}"#, key: Self.secret)
            #expect(unknownGoal.status == .badRequest)
        }
    }

    @Test func realtimeVisitorsIsABareInteger() async throws {
        let server = try makeServer()
        defer { server.cleanUp() }
        let writer = server.components.writer
        let clock = server.clock
        try await server.run { client in
            try await seeded(writer, client)
            let headers: HTTPFields = [.authorization: "Bearer " + Self.secret]
            let now = try await client.execute(
                uri: "/api/v1/stats/realtime/visitors?site_id=example.com", method: .get, headers: headers)
            #expect(now.status == .ok)
            #expect(now.text == "2")
            clock.advance(milliseconds: 301_000)
            let later = try await client.execute(
                uri: "/api/v1/stats/realtime/visitors?site_id=example.com", method: .get, headers: headers)
            #expect(later.text == "0")
            let noSite = try await client.execute(
                uri: "/api/v1/stats/realtime/visitors", method: .get, headers: headers)
            #expect(noSite.status == .badRequest)
            let noKey = try await client.execute(
                uri: "/api/v1/stats/realtime/visitors?site_id=example.com", method: .get)
            #expect(noKey.status == .unauthorized)
        }
    }
}
