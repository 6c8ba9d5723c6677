import Foundation
import Synchronization
import Testing

/// The durability promise, end to end: every event answered 202 survives a SIGKILL mid-load and is
/// stored exactly once after the restart's journal replay.
@Suite(.serialized)
struct DurabilityKillTests {
    @Test(arguments: ["fsync"])
    func everyAcknowledgedEventSurvivesSIGKILL(durability: String) async throws {
        var perch = try PerchProcess()
        defer { perch.removeData() }
        #expect(try perch.command(["sites", "add", "kill.test", "--rate-limit", "none"]).status == 0)
        try await perch.start(extraArguments: ["--durability", durability, "--flush-interval", "200ms"])

        let acknowledged = AcknowledgedIDs()
        let server = perch
        try await withThrowingTaskGroup(of: Void.self) { group in
            for sender in 0..<8 {
                group.addTask {
                    for number in 0..<100_000 {
                        let id = "s\(sender)-\(number)"
                        let body = #"{"n":"pageview","u":"https://kill.test/\#(id)","d":"kill.test"}"#
                        guard
                            let reply = try? await server.postEvent(
                                body, headers: ["X-Forwarded-For": "10.0.\(sender).1"])
                        else { return }
                        if reply.status == 202 { acknowledged.add(id) }
                    }
                }
            }
            group.addTask {
                while acknowledged.count < 1500 {
                    try await Task.sleep(for: .milliseconds(20))
                }
                server.stop(signal: SIGKILL)
            }
            try await group.waitForAll()
        }

        try await perch.start()
        #expect(perch.stop(signal: SIGTERM) == 0)
        let export = try perch.command(["events", "export", "--site", "kill.test"])
        #expect(export.status == 0)
        var stored: [String: Int] = [:]
        for line in export.output.split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            let path = (object["pathname"] as! String).dropFirst()
            stored[String(path), default: 0] += 1
        }
        let acked = acknowledged.all
        let lost = acked.filter { stored[$0] == nil }
        let duplicated = stored.filter { $0.value > 1 }
        print(
            "kill test (\(durability)): acknowledged \(acked.count), stored \(stored.count), lost \(lost.count), duplicated \(duplicated.count)"
        )
        #expect(acked.count >= 1500)
        #expect(lost.isEmpty, "acknowledged but not stored: \(lost.prefix(10))")
        #expect(duplicated.isEmpty, "stored more than once: \(duplicated.prefix(10))")
    }
}

/// The ids the server answered 202 for, collected from concurrent senders.
final class AcknowledgedIDs: Sendable {
    private let ids = Mutex<[String]>([])

    func add(_ id: String) { ids.withLock { $0.append(id) } }
    var count: Int { ids.withLock { $0.count } }
    var all: [String] { ids.withLock { $0 } }
}
