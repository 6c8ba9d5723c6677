import Foundation
import Testing

/// `perch shields add|list|remove` as an administrator runs it, and a running server applying an
/// added or removed shield within a second.
@Suite(.serialized)
struct ShieldsCommandTests {
    static let pageview = #"{"n":"pageview","u":"https://live.test/private/x","d":"live.test"}"#

    @Test func addListAndRemoveRules() throws {
        let perch = try PerchProcess()
        defer { perch.removeData() }
        #expect(try perch.command(["sites", "add", "live.test"]).status == 0)

        let added = try perch.command(["shields", "add", "live.test", "--ip", "2001:DB8:0::1/128"])
        #expect(added.status == 0)
        #expect(added.output == "added ip 2001:db8::1 to live.test\n")
        #expect(try perch.command(["shields", "add", "www.live.test", "--country", "ee"]).status == 0)
        #expect(try perch.command(["shields", "add", "live.test", "--page", "/private/**"]).status == 0)
        #expect(try perch.command(["shields", "add", "live.test", "--hostname", "*live.test"]).status == 0)
        #expect(try perch.command(["shields", "add", "live.test", "--ip", "10.0.0.0/8"]).status == 0)
        let again = try perch.commandWithErrors(["shields", "add", "live.test", "--ip", "2001:db8::1"])
        #expect(again.status != 0)
        #expect(again.errors.contains("live.test already has ip rule 2001:db8::1"))
        // `*` and `**` both match any run of characters: Plausible refuses the second as a duplicate.
        let equivalent = try perch.commandWithErrors(["shields", "add", "live.test", "--page", "/private/*"])
        #expect(equivalent.status != 0)
        #expect(
            equivalent.errors.contains("page rule /private/* is equivalent to live.test's existing rule /private/**"))

        let list = try perch.command(["shields", "list", "live.test"])
        #expect(list.status == 0)
        #expect(
            list.output == "ip\t2001:db8::1\ncountry\tEE\npage\t/private/**\nhostname\t*live.test\nip\t10.0.0.0/8\n")

        #expect(try perch.command(["shields", "remove", "live.test", "--ip", "10.0.0.0/8"]).status == 0)
        let missing = try perch.commandWithErrors(["shields", "remove", "live.test", "--ip", "10.0.0.0/8"])
        #expect(missing.status != 0)
        #expect(missing.errors.contains("live.test has no ip rule 10.0.0.0/8"))
        #expect(try perch.command(["shields", "list", "live.test"]).output.contains("10.0.0.0/8") == false)
    }

    @Test(arguments: [
        (["--country", "ZZ"], "'ZZ' is not a known ISO 3166-1 alpha-2 country code"),
        (["--ip", "10.1.2.3/8"], "did you mean 10.0.0.0/8?"),
        (["--ip", "example.com"], "is not an IPv4 or IPv6 address or CIDR block"),
        (["--page", "admin"], "must start with /"),
        (["--page", "/a", "--ip", "10.0.0.1"], "exactly one of"),
        ([], "exactly one of"),
    ])
    func invalidRulesAreRefusedWithAMessage(options: [String], message: String) throws {
        let perch = try PerchProcess()
        defer { perch.removeData() }
        #expect(try perch.command(["sites", "add", "live.test"]).status == 0)
        let result = try perch.commandWithErrors(["shields", "add", "live.test"] + options)
        #expect(result.status != 0)
        #expect(result.errors.contains(message), "stderr: \(result.errors)")
        #expect(try perch.command(["shields", "list", "live.test"]).output.isEmpty)
    }

    @Test func limitsAndUnknownSitesAreRefused() throws {
        let perch = try PerchProcess()
        defer { perch.removeData() }
        #expect(try perch.command(["sites", "add", "live.test"]).status == 0)
        for index in 0..<10 {
            #expect(
                try perch.command(["shields", "add", "live.test", "--hostname", "h\(index).live.test"]).status == 0)
        }
        let over = try perch.commandWithErrors(["shields", "add", "live.test", "--hostname", "h10.live.test"])
        #expect(over.status != 0)
        #expect(over.errors.contains("at most 10 hostname rules"))
        let unknown = try perch.commandWithErrors(["shields", "list", "nowhere.test"])
        #expect(unknown.status != 0 && unknown.errors.contains("no site nowhere.test"))
    }

    @Test func aRunningServerAppliesShieldChangesWithinOneSecond() async throws {
        var perch = try PerchProcess()
        defer { perch.removeData() }
        #expect(try perch.command(["sites", "add", "live.test"]).status == 0)
        try await perch.start()
        defer { perch.stop(signal: SIGTERM) }
        #expect(try await perch.postEvent(Self.pageview).headers["x-plausible-dropped"] == nil)

        #expect(try perch.command(["shields", "add", "live.test", "--page", "/private/*"]).status == 0)
        #expect(try await perch.headerWithinOneSecond(Self.pageview, equals: "1"), "shield not applied within 1 s")

        #expect(try perch.command(["shields", "remove", "live.test", "--page", "/private/*"]).status == 0)
        #expect(try await perch.headerWithinOneSecond(Self.pageview, equals: nil), "shield not lifted within 1 s")

        #expect(try perch.command(["shields", "add", "live.test", "--ip", "127.0.0.0/8"]).status == 0)
        #expect(try await perch.headerWithinOneSecond(Self.pageview, equals: "1"), "IP block not applied within 1 s")
    }
}

extension PerchProcess {
    /// Runs a `perch` command to completion and returns its exit status and standard error.
    func commandWithErrors(_ arguments: [String]) throws -> (status: Int32, errors: String) {
        let child = Process()
        child.executableURL = Self.binary
        child.arguments = arguments + ["--data-dir", dataDirectory.path]
        let pipe = Pipe()
        child.standardOutput = FileHandle.nullDevice
        child.standardError = pipe
        try child.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        child.waitUntilExit()
        return (child.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Posts `body` until `x-plausible-dropped` has the expected value, for at most one second.
    func headerWithinOneSecond(_ body: String, equals expected: String?) async throws -> Bool {
        let start = Date()
        while Date().timeIntervalSince(start) < 1.0 {
            if try await postEvent(body).headers["x-plausible-dropped"] == expected { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }
}
