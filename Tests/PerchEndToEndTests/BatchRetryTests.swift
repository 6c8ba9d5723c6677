import Foundation
import Testing

/// The batch endpoint's idempotency survives a restart: the ids are stored with their events.
@Suite(.serialized)
struct BatchRetryTests {
    @Test func aRetryAfterARestartIsNotStoredAgain() async throws {
        var perch = try PerchProcess()
        defer { perch.removeData() }
        #expect(try perch.command(["sites", "add", "batch.test"]).status == 0)
        let batch = (1...3).map {
            #"{"n":"pageview","u":"https://batch.test/\#($0)","d":"batch.test","id":"order-\#($0)"}"#
        }
        try await perch.start()
        let first = try await perch.postBatch("[" + batch.joined(separator: ",") + "]")
        #expect(first.status == 200)
        #expect(first.body == #"{"results":[{"status":202},{"status":202},{"status":202}]}"#)
        #expect(perch.stop(signal: SIGTERM) == 0)

        try await perch.start()
        let retry = try await perch.postBatch(batch.joined(separator: "\n"))
        #expect(retry.body.components(separatedBy: #""duplicate":true"#).count == 4, "\(retry.body)")
        #expect(perch.stop(signal: SIGTERM) == 0)
        let export = try perch.command(["events", "export", "--site", "batch.test"])
        #expect(export.output.split(separator: "\n").count == 3)
    }
}
