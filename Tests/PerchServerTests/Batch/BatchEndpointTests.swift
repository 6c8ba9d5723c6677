import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PerchCore
import PerchStats
import Testing

@testable import PerchServer

/// `POST /api/events`: per-event answers in order, JSON arrays and NDJSON, idempotent retries.
@Suite struct BatchEndpointTests {
    static let headers: HTTPFields = [
        .userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
        .contentType: "application/json",
    ]

    static func event(_ path: String, id: String? = nil) -> String {
        #"{"n":"pageview","u":"https://example.com\#(path)","d":"example.com""# + (id.map { #","id":"\#($0)""# } ?? "")
            + "}"
    }

    func post(_ body: String, _ client: any TestClientProtocol, headers extra: HTTPFields = [:]) async throws
        -> (status: HTTPResponse.Status, results: [JSONValue])
    {
        var headers = Self.headers
        for field in extra { headers[field.name] = field.value }
        let response = try await client.execute(
            uri: "/api/events", method: .post, headers: headers, body: ByteBuffer(string: body))
        guard case .array(let results)? = response.json?["results"] else { return (response.status, []) }
        return (response.status, results)
    }

    @Test func eachEventIsAnsweredInOrder() async throws {
        let server = try TestServer(durability: .fsync)
        defer { server.cleanUp() }
        try await server.run { client in
            let body =
                "["
                + [
                    Self.event("/a"), #"{"n":"pageview","d":"example.com"}"#, Self.event("/c"),
                    #"{"n":"pageview","u":"https://example.com/","d":"unknown.example"}"#,
                ].joined(separator: ",\n ") + "]"
            let (status, results) = try await post(body, client)
            #expect(status == .ok)
            #expect(
                results.map(\.json) == [
                    #"{"status":202}"#, #"{"status":400,"errors":{"url":["is required"]}}"#, #"{"status":202}"#,
                    #"{"status":202,"dropped":1}"#,
                ])
            let ndjson = Self.event("/d") + "\n\n" + Self.event("/e") + "\r\n"
            let answer1 = try await post(ndjson, client)

            #expect(answer1.results.map(\.json) == [#"{"status":202}"#, #"{"status":202}"#])
        }
        try server.flush()
        #expect(try server.events().map(\.pathname) == ["/a", "/c", "/d", "/e"])
    }

    @Test func retriesOfTheSameIDsAreAcknowledgedButNotStoredAgain() async throws {
        let server = try TestServer(durability: .fsync)
        defer { server.cleanUp() }
        try await server.run { client in
            let batch = "[" + Self.event("/1", id: "evt-1") + "," + Self.event("/2", id: "evt-2") + "]"
            let answer2 = try await post(batch, client)

            #expect(answer2.results.map(\.json) == [#"{"status":202}"#, #"{"status":202}"#])
            let retry = "[" + Self.event("/1", id: "evt-1") + "," + Self.event("/3", id: "evt-3") + "]"
            let retried = try await post(retry, client)
            #expect(
                retried.results.map(\.json) == [
                    #"{"status":202,"duplicate":true}"#, #"{"status":202}"#,
                ])
            // The request's key covers events without their own id, by position.
            let keyed = "[" + Self.event("/4") + "]"
            let key: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "upload-77"]
            let answer3 = try await post(keyed, client, headers: key)

            #expect(answer3.results.map(\.json) == [#"{"status":202}"#])
            let answer4 = try await post(keyed, client, headers: key)

            #expect(answer4.results.map(\.json) == [#"{"status":202,"duplicate":true}"#])
            // An invalid event does not use up its id: fixed, it is stored.
            let broken = #"[{"n":"pageview","d":"example.com","id":"evt-5"}]"#
            let answer5 = try await post(broken, client)

            #expect(answer5.results.first?["status"] == .int(400))
            let answer6 = try await post("[" + Self.event("/5", id: "evt-5") + "]", client)

            #expect(answer6.results.map(\.json) == [#"{"status":202}"#])
            let badID = #"[{"n":"pageview","u":"https://example.com/","d":"example.com","id":{"a":1}}]"#
            let answer7 = try await post(badID, client)

            #expect(answer7.results.first?["errors"]?["id"] != nil)
        }
        try server.flush()
        #expect(try server.events().map(\.pathname) == ["/1", "/2", "/3", "/4", "/5"])
    }

    @Test(arguments: ["", "  \n", "[]", "[{}", "[1,,2]", "[{}] x"])
    func unusableBodiesAreRefused(body: String) async throws {
        let server = try TestServer()
        defer { server.cleanUp() }
        try await server.run { client in
            let (status, _) = try await post(body, client)
            #expect(status == .badRequest)
        }
    }

    /// A body that is not an array is NDJSON: each line is an event, answered on its own.
    @Test func aLineThatIsNotJSONIsThatEventsError() async throws {
        let server = try TestServer()
        defer { server.cleanUp() }
        try await server.run { client in
            let (status, results) = try await post("not json\n" + Self.event("/ok"), client)
            #expect(status == .ok)
            #expect(
                results.map(\.json) == [
                    #"{"status":400,"errors":{"request":["Unable to parse request body as json"]}}"#,
                    #"{"status":202}"#,
                ])
        }
    }

    @Test func atMostAThousandEvents() async throws {
        let server = try TestServer()
        defer { server.cleanUp() }
        try await server.run { client in
            let body = "[" + Array(repeating: Self.event("/x"), count: 1_001).joined(separator: ",") + "]"
            let response = try await client.execute(
                uri: "/api/events", method: .post, headers: Self.headers, body: ByteBuffer(string: body))
            #expect(response.status == .badRequest)
            #expect(response.text == #"{"errors":{"request":["a batch holds at most 1000 events"]}}"#)
        }
    }
}
