import Foundation
import Synchronization
import Testing

/// SIGTERM under load: every request whose event was journaled is answered before its connection
/// closes, so no client has a reason to send an event again, and every 202 is stored exactly once.
@Suite(.serialized)
struct ShutdownUnderLoadTests {
    /// What the senders saw: ids answered 202, and ids sent but answered by a closed connection.
    final class Outcomes: Sendable {
        private let state = Mutex<(acknowledged: [String], unanswered: [String])>(([], []))

        func acknowledged(_ id: String) { state.withLock { $0.acknowledged.append(id) } }
        func unanswered(_ id: String) { state.withLock { $0.unanswered.append(id) } }
        var acknowledgedCount: Int { state.withLock { $0.acknowledged.count } }
        var all: (acknowledged: [String], unanswered: [String]) { state.withLock { $0 } }
    }

    @Test func inFlightRequestsAreAnsweredAndStoredOnce() async throws {
        var perch = try PerchProcess()
        defer { perch.removeData() }
        #expect(try perch.command(["sites", "add", "term.test", "--rate-limit", "none"]).status == 0)
        try await perch.start(extraArguments: ["--flush-interval", "100ms"])
        let port = perch.port
        let outcomes = Outcomes()
        let senders = DispatchGroup()
        for sender in 0..<8 {
            senders.enter()
            Thread {
                defer { senders.leave() }
                Self.send(sender: sender, port: port, outcomes: outcomes)
            }.start()
        }
        while outcomes.acknowledgedCount < 1_500 { try await Task.sleep(for: .milliseconds(10)) }
        #expect(perch.stop(signal: SIGTERM) == 0)
        senders.wait()

        let export = try perch.command(["events", "export", "--site", "term.test"])
        #expect(export.status == 0)
        var stored: [String: Int] = [:]
        for line in export.output.split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            stored[String((object["pathname"] as! String).dropFirst()), default: 0] += 1
        }
        let (acknowledged, unanswered) = outcomes.all
        let lost = acknowledged.filter { stored[$0] == nil }
        let duplicated = stored.filter { $0.value > 1 }
        let storedUnanswered = unanswered.filter { stored[$0] != nil }
        print(
            "shutdown test: acknowledged \(acknowledged.count), unanswered \(unanswered.count), stored \(stored.count),"
                + " lost \(lost.count), duplicated \(duplicated.count), stored without a reply \(storedUnanswered.count)"
        )
        #expect(lost.isEmpty, "acknowledged but not stored: \(lost.prefix(10))")
        #expect(duplicated.isEmpty, "stored more than once: \(duplicated.prefix(10))")
        #expect(storedUnanswered.isEmpty, "stored but never answered: \(storedUnanswered.prefix(10))")
        #expect(stored.count == acknowledged.count)
    }

    /// One keep-alive connection at a time, one request after another, until the server is gone.
    static func send(sender: Int, port: Int, outcomes: Outcomes) {
        var number = 0
        while let connection = try? RawHTTPConnection(port: port) {
            defer { connection.closeConnection() }
            while true {
                let id = "s\(sender)-\(number)"
                number += 1
                let body = #"{"n":"pageview","u":"https://term.test/\#(id)","d":"term.test"}"#
                connection.send(
                    "POST /api/event HTTP/1.1\r\nHost: term.test\r\nContent-Type: text/plain\r\n"
                        + "User-Agent: \(PerchProcess.browserUserAgent)\r\nX-Forwarded-For: 10.1.\(sender).1\r\n"
                        + "Content-Length: \(body.utf8.count)\r\n\r\n\(body)")
                let reply = connection.readSome()
                if reply.hasPrefix("HTTP/1.1 202") {
                    outcomes.acknowledged(id)
                } else if reply.isEmpty {
                    outcomes.unanswered(id)
                    break
                }
                if reply.lowercased().contains("connection: close") { break }
            }
        }
    }
}
