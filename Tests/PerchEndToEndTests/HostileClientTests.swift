import Foundation
import Testing

/// Requests cut short, oversized or malformed on the wire: each is refused or dropped without a
/// crash, a hang or harm to the requests around it.
@Suite(.serialized)
struct HostileClientTests {
    static let pageview = #"{"n":"pageview","u":"https://hostile.test/","d":"hostile.test"}"#

    @Test func cutShortOversizedAndGarbageRequestsLeaveTheServerServing() async throws {
        var perch = try PerchProcess()
        defer { perch.removeData() }
        #expect(try perch.command(["sites", "add", "hostile.test", "--rate-limit", "none"]).status == 0)
        try await perch.start()
        defer { perch.stop(signal: SIGTERM) }

        // A body shorter than its Content-Length, then the client goes away.
        let cutShort = try RawHTTPConnection(port: perch.port)
        cutShort.send("POST /api/event HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 500\r\n\r\n")
        cutShort.send(#"{"n":"pageview","u":"#)
        cutShort.finishWriting()
        let cutShortReply = cutShort.readAll()
        cutShort.closeConnection()
        #expect(!cutShortReply.hasPrefix("HTTP/1.1 202"), "a truncated body must not be accepted")
        #expect(!cutShortReply.contains(" 500 "))

        // A declared body far over the 1 MB limit: refused without reading it all.
        let huge = try RawHTTPConnection(port: perch.port)
        huge.send(
            "POST /api/event HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 50000000\r\n\r\n"
        )
        huge.send(String(repeating: "x", count: 2_000_000))
        let hugeReply = huge.readAll()
        huge.closeConnection()
        #expect(hugeReply.hasPrefix("HTTP/1.1 400"))
        #expect(hugeReply.contains("Unable to parse request body as json"))

        // Not HTTP at all.
        let garbage = try RawHTTPConnection(port: perch.port)
        garbage.send("\u{01}\u{02}GARBAGE /// \r\n\r\n")
        garbage.finishWriting()
        let garbageReply = garbage.readAll()
        garbage.closeConnection()
        #expect(!garbageReply.contains(" 500 "))

        // A request body that is not UTF-8.
        let binary = try RawHTTPConnection(port: perch.port)
        let payload =
            Array(#"{"n":"pageview","u":"https://hostile.test/"#.utf8) + [0xFF, 0xFE]
            + Array(#"","d":"hostile.test"}"#.utf8)
        binary.send(
            "POST /api/event HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nConnection: close\r\n"
                + "Content-Length: \(payload.count)\r\n\r\n"
        )
        binary.send(bytes: payload)
        #expect(binary.readAll().hasPrefix("HTTP/1.1 400"))
        binary.closeConnection()

        // A client that waits for `100 Continue` before sending its body.
        let polite = try RawHTTPConnection(port: perch.port)
        polite.send(
            "POST /api/event HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nExpect: 100-continue\r\n"
                + "Connection: close\r\nContent-Length: \(Self.pageview.utf8.count)\r\n\r\n"
        )
        #expect(polite.readSome().hasPrefix("HTTP/1.1 100 Continue"))
        polite.send(Self.pageview)
        #expect(polite.readAll().contains("HTTP/1.1 202"))
        polite.closeConnection()

        let after = try await perch.postEvent(Self.pageview)
        #expect(after.status == 202)
        #expect(after.headers["x-plausible-dropped"] == nil)
        #expect(try await perch.get("/api/health").status == 200)
    }

    /// A valid event followed at once by bytes that are not HTTP, on one connection: the event's
    /// reply comes first, with the status of what happened to it (202, it is stored), and only
    /// then the connection is refused. Answering 400 first would tell the client its stored event
    /// failed, and its retry would store it twice.
    @Test func garbageAfterAnEventDoesNotOvertakeItsReply() async throws {
        var perch = try PerchProcess()
        defer { perch.removeData() }
        #expect(try perch.command(["sites", "add", "hostile.test", "--rate-limit", "none"]).status == 0)
        try await perch.start(extraArguments: ["--flush-interval", "100ms"])
        defer { perch.stop(signal: SIGTERM) }

        for round in 0..<20 {
            let body = #"{"n":"pageview","u":"https://hostile.test/garbage-\#(round)","d":"hostile.test"}"#
            let connection = try RawHTTPConnection(port: perch.port)
            connection.send(
                "POST /api/event HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                    + "User-Agent: \(PerchProcess.browserUserAgent)\r\nContent-Length: \(body.utf8.count)\r\n\r\n"
                    + body + "\u{01}\u{02}GARBAGE\r\n\r\n")
            let reply = connection.readAll()
            connection.closeConnection()
            #expect(reply.hasPrefix("HTTP/1.1 202"), "round \(round): \(reply.prefix(60))")
        }
        #expect(perch.stop(signal: SIGTERM) == 0)
        let stored = try perch.storedPaths(site: "hostile.test")
        #expect((0..<20).allSatisfy { stored["garbage-\($0)"] == 1 })
    }
}
