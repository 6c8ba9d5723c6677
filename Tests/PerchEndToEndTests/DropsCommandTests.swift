import Foundation
import Testing

/// `perch drops` after a server dropped events, and `perch sites add --debug-drops on`.
@Suite(.serialized)
struct DropsCommandTests {
    @Test func dropsAreSummarisedBySiteAndReasonAfterShutdown() async throws {
        var perch = try PerchProcess()
        defer { perch.removeData() }
        #expect(try perch.command(["sites", "add", "live.test", "--debug-drops", "on"]).status == 0)
        #expect(try perch.command(["sites", "list"]).output.contains("debug-drops on"))
        #expect(try perch.command(["sites", "add", "quiet.test"]).status == 0)
        for site in ["live.test", "quiet.test"] {
            #expect(try perch.command(["shields", "add", site, "--page", "/blocked"]).status == 0)
        }
        try await perch.start()
        let blocked = #"{"n":"pageview","u":"https://live.test/blocked","d":"live.test"}"#
        let debug = try await perch.postEvent(blocked)
        #expect(debug.headers["x-plausible-dropped"] == "1")
        #expect(debug.headers["x-perch-drop-reason"] == "site_page_blocklist")
        let quiet = try await perch.postEvent(#"{"n":"pageview","u":"https://x.test/blocked","d":"quiet.test"}"#)
        #expect(quiet.headers["x-plausible-dropped"] == "1")
        #expect(quiet.headers["x-perch-drop-reason"] == nil)
        _ = try await perch.postEvent(blocked)
        _ = try await perch.postEvent(#"{"n":"pageview","u":"https://x.test/","d":"unknown.test"}"#)
        #expect(perch.stop(signal: SIGTERM) == 0)

        let table = try perch.command(["drops"])
        #expect(table.status == 0)
        let lines = table.output.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(
            lines == [
                ["SITE", "REASON", "DROPPED"],
                ["live.test", "site_page_blocklist", "2"],
                ["quiet.test", "site_page_blocklist", "1"],
                ["unknown.test", "not_found", "1"],
            ])

        let json = try perch.command(["drops", "--site", "live.test", "--format", "json"])
        let rows = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]]
        #expect(rows?.count == 1)
        #expect(rows?.first?["site"] as? String == "live.test")
        #expect(rows?.first?["reason"] as? String == "site_page_blocklist")
        #expect(rows?.first?["count"] as? Int == 2)

        #expect(try perch.command(["sites", "add", "live.test", "--debug-drops", "off"]).status == 0)
        #expect(try perch.command(["sites", "list"]).output.contains("debug-drops") == false)
        #expect(try perch.command(["sites", "add", "live.test", "--debug-drops", "maybe"]).status != 0)
    }

    @Test func noDropsSaysSo() throws {
        let perch = try PerchProcess()
        defer { perch.removeData() }
        let result = try perch.command(["drops"])
        #expect(result.status == 0)
        #expect(result.output == "no events dropped in the last 24 hours\n")
    }
}
