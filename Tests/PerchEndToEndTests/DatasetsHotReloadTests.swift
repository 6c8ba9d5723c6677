import Foundation
import Testing

/// Data sets replaced under a running server take effect without a restart (issue: datasets hot
/// reload); a corrupt replacement is refused and the previous version stays active.
@Suite(.serialized) struct DatasetsHotReloadTests {
    static let pageview = #"{"n":"pageview","u":"https://live.test/","d":"live.test"}"#

    func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// Posts `body` until `x-perch-drop-reason` has the expected value, for at most `seconds`.
    func dropReason(
        _ perch: PerchProcess, _ body: String, becomes expected: String?, within seconds: Double = 3
    ) async throws -> Bool {
        let start = Date()
        while Date().timeIntervalSince(start) < seconds {
            if try await perch.postEvent(body).headers["x-perch-drop-reason"] == expected { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    /// Waits until the server logged that it refused a data set, for at most `seconds`.
    func refused(_ log: ServerLog, within seconds: Double = 5) async throws -> Bool {
        let start = Date()
        while Date().timeIntervalSince(start) < seconds {
            if !log.lines(containing: "dataset.refused").isEmpty { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    @Test func replacedDataSetsApplyWhileServing() async throws {
        var perch = try PerchProcess()
        defer { perch.removeData() }
        let log = try ServerLog()
        defer { log.remove() }
        #expect(try perch.command(["sites", "add", "live.test", "--debug-drops", "on"]).status == 0)
        try await perch.start(log: log.handle)
        defer { _ = perch.stop(signal: SIGTERM) }
        #expect(try await perch.postEvent(Self.pageview).headers["x-plausible-dropped"] == nil)

        // The server polls its data sets every second; an import swaps the file atomically.
        let ranges = perch.dataDirectory.appendingPathComponent("loopback-ranges.txt").path
        try write("# test ranges\n127.0.0.0/8\n", to: ranges)
        #expect(try perch.command(["datasets", "import", "datacenter-ranges", ranges]).status == 0)
        #expect(try await dropReason(perch, Self.pageview, becomes: "dc_ip"), "datacenter ranges not reloaded")

        // A corrupt replacement is refused by the server: the loaded ranges stay active.
        let installed = perch.dataDirectory.appendingPathComponent("datasets/datacenter-ranges.txt").path
        try write("127.0.0.0/8\nthis is not a CIDR block\n", to: installed)
        #expect(try await refused(log), "the corrupt file was not looked at")
        #expect(try await perch.postEvent(Self.pageview).headers["x-perch-drop-reason"] == "dc_ip")

        try write("192.0.2.0/24\n", to: installed)
        #expect(try await dropReason(perch, Self.pageview, becomes: nil), "fixed file not reloaded")

        let spam = perch.dataDirectory.appendingPathComponent("spam.txt").path
        try write("spam.example\n", to: spam)
        #expect(try perch.command(["datasets", "import", "spam-referrers", spam]).status == 0)
        let spammed = #"{"n":"pageview","u":"https://live.test/","d":"live.test","r":"https://a.b.spam.example/"}"#
        #expect(try await dropReason(perch, spammed, becomes: "spam_referrer"), "spam list not reloaded")
    }
}
