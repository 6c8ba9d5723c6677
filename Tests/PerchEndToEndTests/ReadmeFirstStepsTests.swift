import Foundation
import Testing

/// The README's first steps, run as a new user runs them: its `perch` and `curl` commands in order
/// against a running server (the port and binary substituted), each event kept. And a site added
/// under a running server takes the very next event.
@Suite(.serialized)
struct ReadmeFirstStepsTests {
    /// The shell commands of the README's code blocks before "What is dropped and what is derived"
    /// (first steps and the Events API examples): `perch` commands and `curl` calls to `/api/event`,
    /// continuation lines joined.
    static func readmeCommands() throws -> [String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let part = readme.components(separatedBy: "### What is dropped and what is derived").first ?? ""
        var commands: [String] = []
        var inBlock = false
        var pending = ""
        for line in part.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                inBlock.toggle()
                continue
            }
            guard inBlock else { continue }
            pending += line.hasSuffix("\\") ? String(line.dropLast()) : String(line)
            if line.hasSuffix("\\") { continue }
            let command = pending.trimmingCharacters(in: .whitespaces)
            pending = ""
            if command.hasPrefix(".build/release/perch ") || command.hasPrefix("curl ") { commands.append(command) }
        }
        return commands
    }

    @Test func readmeExamplesEachStoreAnEvent() async throws {
        let commands = try Self.readmeCommands()
        let curls = commands.filter { $0.hasPrefix("curl ") && $0.contains("/api/event") }
        #expect(curls.count >= 6, "the README's event examples were not found")
        #expect(commands.first?.hasPrefix(".build/release/perch sites add") == true)

        var perch = try PerchProcess()
        defer { perch.removeData() }
        try await perch.start()
        for command in commands {
            let shell =
                command
                .replacingOccurrences(of: ".build/release/perch", with: "'\(PerchProcess.binary.path)'")
                .replacingOccurrences(of: "http://127.0.0.1:8000", with: "http://127.0.0.1:\(perch.port)")
            let (status, output) = try Self.sh(shell, dataDirectory: perch.dataDirectory)
            #expect(status == 0, "\(command) failed: \(output)")
            if command.hasPrefix("curl ") {
                let head = output.lowercased()
                #expect(head.hasPrefix("http/1.1 202"), "\(command) answered \(output)")
                #expect(!head.contains("x-plausible-dropped"), "\(command) was dropped: \(output)")
            }
        }
        #expect(perch.stop(signal: SIGTERM) == 0)

        let exported = try perch.command(["events", "export", "--site", "example.com"]).output
        let events = exported.split(separator: "\n").map {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(events.count == curls.count)
        let purchase = events.compactMap { $0 }.first { $0["name"] as? String == "Purchase" }
        #expect(purchase?["revenue_source_currency"] as? String == "EUR", "the README's revenue goal applies")
    }

    /// `perch sites add` reaches a running server before its next event, with no waiting.
    @Test func eventRightAfterSitesAddIsKept() async throws {
        var perch = try PerchProcess()
        defer { perch.removeData() }
        try await perch.start()
        defer { perch.stop(signal: SIGTERM) }
        for index in 0..<3 {
            let domain = "fresh\(index).test"
            #expect(try perch.command(["sites", "add", domain]).status == 0)
            let event = #"{"n":"pageview","u":"https://\#(domain)/","d":"\#(domain)"}"#
            let response = try await perch.postEvent(event)
            #expect(response.status == 202)
            #expect(response.headers["x-plausible-dropped"] == nil, "the first event for \(domain) was dropped")
            // Well past the 10 ms between checks for unknown domains.
            try await Task.sleep(for: .milliseconds(150))
        }
    }

    /// `--rate-limit 0/min` is accepted and blocks the site (Plausible's blocked sites).
    @Test func blockedSiteIsAcceptedAndAnswers429() async throws {
        var perch = try PerchProcess()
        defer { perch.removeData() }
        let added = try perch.command(["sites", "add", "blocked.test", "--rate-limit", "0/min"])
        #expect(added.status == 0)
        #expect(added.output.contains("blocked"))
        try await perch.start()
        defer { perch.stop(signal: SIGTERM) }
        let event = #"{"n":"pageview","u":"https://blocked.test/","d":"blocked.test"}"#
        #expect(try await perch.postEvent(event).status == 429)
        #expect(try await perch.postEvent(event).status == 429)
    }

    /// Runs `command` with `sh -c`, the data directory in `PERCH_DATA_DIR`; status and standard
    /// output (curl's progress meter goes to standard error, which is dropped).
    static func sh(_ command: String, dataDirectory: URL) throws -> (Int32, String) {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/sh")
        child.arguments = ["-c", command]
        var environment = ProcessInfo.processInfo.environment
        environment["PERCH_DATA_DIR"] = dataDirectory.path
        child.environment = environment
        let pipe = Pipe()
        child.standardOutput = pipe
        child.standardError = FileHandle.nullDevice
        try child.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        child.waitUntilExit()
        return (child.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
