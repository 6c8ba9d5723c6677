import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Clients that hold connections without finishing requests: the connection cap, the idle
/// (headers) timeout, the body timeout, and honest requests served meanwhile.
@Suite(.serialized)
struct SlowClientTests {
    static func startServer() async throws -> PerchProcess {
        var perch = try PerchProcess()
        #expect(try perch.command(["sites", "add", "slow.test", "--rate-limit", "none"]).status == 0)
        try await perch.start(extraArguments: [
            "--max-connections", "6", "--idle-timeout", "2s", "--body-timeout", "2s", "--flush-interval", "100ms",
        ])
        return perch
    }

    static func pageview(_ path: String) -> String {
        let body = #"{"n":"pageview","u":"https://slow.test/\#(path)","d":"slow.test"}"#
        return "POST /api/event HTTP/1.1\r\nHost: slow.test\r\nContent-Type: text/plain\r\n"
            + "User-Agent: \(PerchProcess.browserUserAgent)\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
    }

    /// Seconds until the server closes `connection` (reads until end of stream, 5 s at most).
    static func secondsUntilClosed(_ connection: RawHTTPConnection) -> Double {
        let started = Date()
        _ = connection.readAll()
        return Date().timeIntervalSince(started)
    }

    @Test func slowHeadersAndStalledBodiesAreCutWhileHonestRequestsAreServed() async throws {
        let perch = try await Self.startServer()
        defer {
            perch.stop(signal: SIGTERM)
            perch.removeData()
        }
        let slow = try RawHTTPConnection(port: perch.port)
        let stalled = try RawHTTPConnection(port: perch.port)
        let started = Date()
        // Slowloris: a header byte every 200 ms, never the blank line.
        let dribbler = SlowSender(
            connection: slow,
            bytes: Array("POST /api/event HTTP/1.1\r\nHost: slow.test\r\nX-Padding: ".utf8)
                + Array(repeating: UInt8(ascii: "a"), count: 60))
        defer { dribbler.stop() }
        stalled.send("POST /api/event HTTP/1.1\r\nHost: slow.test\r\nContent-Length: 100\r\n\r\n{\"n\":")
        // Honest requests meanwhile are answered at once.
        let honest = try RawHTTPConnection(port: perch.port)
        for index in 0..<5 {
            let before = Date()
            honest.send(Self.pageview("honest-\(index)"))
            #expect(honest.readSome().hasPrefix("HTTP/1.1 202"))
            #expect(Date().timeIntervalSince(before) < 1)
        }
        honest.closeConnection()
        let stalledAfter = Self.secondsUntilClosed(stalled)
        #expect(stalledAfter < 4, "a stalled body held its connection for \(stalledAfter) s")
        let slowAfter = Date().timeIntervalSince(started) + Self.secondsUntilClosed(slow)
        #expect(slowAfter < 4.5, "slow headers held their connection for \(slowAfter) s")
        dribbler.stop()
        stalled.closeConnection()
        slow.closeConnection()
        #expect(perch.stop(signal: SIGTERM) == 0)
        let export = try perch.command(["events", "export", "--site", "slow.test"])
        #expect(export.output.split(separator: "\n").count == 5)
    }

    @Test func connectionsPastTheCapAreClosedAtOnce() async throws {
        let perch = try await Self.startServer()
        defer {
            perch.stop(signal: SIGTERM)
            perch.removeData()
        }
        var held: [RawHTTPConnection] = []
        for _ in 0..<6 { held.append(try RawHTTPConnection(port: perch.port)) }
        // Let the server accept all six before the seventh arrives.
        try await Task.sleep(for: .milliseconds(300))
        let extra = try RawHTTPConnection(port: perch.port)
        let closedAfter = Self.secondsUntilClosed(extra)
        #expect(closedAfter < 1, "the connection past the cap stayed open \(closedAfter) s")
        extra.closeConnection()
        for connection in held { connection.closeConnection() }
        try await Task.sleep(for: .milliseconds(300))
        let fresh = try RawHTTPConnection(port: perch.port)
        fresh.send(Self.pageview("after-cap"))
        #expect(fresh.readSome().hasPrefix("HTTP/1.1 202"))
        fresh.closeConnection()
    }
}
