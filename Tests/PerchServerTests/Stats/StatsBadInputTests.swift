import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PerchCore
import PerchSQLite
import PerchStats
import Testing

@testable import PerchServer

/// Bad bodies are 400 with a message, never a 500; hostile filter values are only ever data.
@Suite struct StatsBadInputTests {
    static let key = "bad-input-key"

    static let badBodies: [String] = [
        "not json",
        "",
        "[1,2]",
        #"{"site_id":"example.com","metrics":["visitors"]"#,
        #"{"site_id":"example.com","metrics":"visitors","date_range":"day"}"#,
        #"{"site_id":"example.com","metrics":["visitors","visitors"],"date_range":"day"}"#,
        #"{"site_id":"example.com","metrics":["baa"],"date_range":"day"}"#,
        #"{"site_id":"example.com","metrics":[],"date_range":"day"}"#,
        #"{"site_id":"example.com","metrics":["visitors"],"date_range":"bad_period"}"#,
        #"{"site_id":"example.com","metrics":["visitors"],"date_range":["2025-02-30","2025-03-01"]}"#,
        #"{"site_id":"example.com","metrics":["visitors"],"date_range":["2025-03-01","2025-01-01"]}"#,
        #"{"site_id":"example.com","metrics":["visitors"],"date_range":"99999d"}"#,
        #"{"site_id":"example.com","metrics":["visitors"],"date_range":"day","extra":1}"#,
        #"{"site_id":"example.com","metrics":["visitors"],"date_range":"day","dimensions":["badproperty"]}"#,
        #"{"site_id":"example.com","metrics":["visitors"],"date_range":"day","pagination":{"limit":1000000000}}"#,
        #"{"site_id":"example.com","metrics":["visitors"],"date_range":"day","pagination":{"limit":-1}}"#,
        #"{"site_id":"example.com","metrics":["visitors"],"date_range":"day","pagination":{"offset":"0"}}"#,
        #"{"site_id":"example.com","metrics":["visitors"],"date_range":"day","filters":[["is","event:page"]]}"#,
        #"{"site_id":"example.com","metrics":["visitors"],"date_range":"day","filters":[["is","event:page","/"]]}"#,
        #"{"site_id":"example.com","metrics":["visitors"],"date_range":"day","filters":[["nope","event:page",["/"]]]}"#,
        #"{"site_id":"example.com","metrics":["visitors"],"date_range":"day","filters":"x"}"#,
        #"{"site_id":"example.com","metrics":["visitors"],"date_range":"day","include":{"time_labels":true}}"#,
        #"{"site_id":"example.com","metrics":["bounce_rate"],"date_range":"day","dimensions":["event:name"]}"#,
        #"{"site_id":"example.com","metrics":["visitors"],"date_range":"day","order_by":[["pageviews","desc"]]}"#,
        #"{"site_id":"example.com","metrics":["conversion_rate"],"date_range":"day"}"#,
        #"{"site_id":"example.com","metrics":["visitors"],"date_range":"day","filters":[["is","visit:city",["x"]]]}"#,
        #"{"site_id":"example.com","metrics":["visitors"],"date_range":"day","#
            + #""filters":[["contains","event:page",["\u0000"]]]}"#,
        String(repeating: "[", count: 10_000),
        #"{"site_id":"example.com","metrics":["visitors"],"date_range":"day","filters":[\#(nestedNot(200))]}"#,
    ]

    static func nestedNot(_ depth: Int) -> String {
        String(repeating: #"["not","#, count: depth) + #"["is","event:page",["/"]]"#
            + String(repeating: "]", count: depth)
    }

    @Test func badBodiesAre400WithAMessage() async throws {
        let server = try TestServer()
        defer { server.cleanUp() }
        _ = try server.store.createAPIKey(secret: Self.key, domain: nil, hourlyLimit: 10_000)
        try await server.run { client in
            for body in Self.badBodies {
                let response = try await client.query(body, key: Self.key)
                #expect(response.status == .badRequest, "\(body.prefix(120))")
                #expect(response.error?.isEmpty == false, "\(body.prefix(120)): \(response.text.prefix(200))")
            }
        }
    }

    static let hostileValues = [
        "'; DROP TABLE events; --", "\" OR 1=1 --", "/') OR ('1'='1", "%", "_", "\\", "🦜", "?", "$1",
    ]

    @Test func hostileFilterValuesAreData() async throws {
        // fsync: the 202 waits until the event is journaled, so `flushOnce` finds it.
        let server = try TestServer(durability: .fsync)
        defer { server.cleanUp() }
        _ = try server.store.createAPIKey(secret: Self.key, domain: nil, hourlyLimit: 10_000)
        let writer = server.components.writer
        try await server.run { client in
            try await client.visit("/", from: "203.0.113.1")
            while try writer.flushOnce() > 0 {}
            for value in Self.hostileValues {
                let quoted = JSONValue.string(value).json
                for (op, dimension) in [
                    ("is", "event:page"), ("contains", "event:page"), ("is_not", "visit:source"),
                    ("is", "event:props:" + value), ("matches_wildcard", "event:page"),
                ] {
                    let body =
                        #"{"site_id":"example.com","metrics":["visitors"],"date_range":"day","#
                        + #""filters":[["\#(op)",\#(JSONValue.string(dimension).json),[\#(quoted)]]]}"#
                    let response = try await client.query(body, key: Self.key)
                    #expect(response.status == .ok, "\(op) \(dimension) \(value): \(response.text)")
                    let expected: Int64 = op == "is_not" ? 1 : 0
                    #expect(response.rows[""] == [.int(expected)], "\(op) \(dimension) \(value)")
                }
            }
            let still = try await client.query(
                #"{"site_id":"example.com","metrics":["pageviews"],"date_range":"day"}"#, key: Self.key)
            #expect(still.rows[""] == [.int(1)], "\(still.text)")
        }
    }

    @Test func hugeRangesDoNotExhaustTheServer() async throws {
        let server = try TestServer()
        defer { server.cleanUp() }
        _ = try server.store.createAPIKey(secret: Self.key, domain: nil, hourlyLimit: 10_000)
        try await server.run { client in
            let huge = try await client.query(
                #"{"site_id":"example.com","metrics":["visitors"],"date_range":["0001-01-01","9999-12-31"],"#
                    + #""dimensions":["time:hour"],"include":{"time_labels":true}}"#, key: Self.key)
            #expect(huge.status == .badRequest)
            #expect(huge.error?.hasPrefix("Invalid include.time_labels") == true)
            let wide = try await client.query(
                #"{"site_id":"example.com","metrics":["visitors"],"date_range":["0001-01-01","9999-12-31"]}"#,
                key: Self.key)
            #expect(wide.status == .ok)
            #expect(wide.rows[""] == [.int(0)])
        }
    }
}
