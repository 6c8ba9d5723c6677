import Foundation
import Testing

/// `perch serve` and the CLI as users and other tools run them: sites changed under a running
/// server, a restart that does not split a visit, what reaches the disk, and the export formats.
@Suite(.serialized)
struct ServeLifecycleTests {
    static let pageview = #"{"n":"pageview","u":"https://live.test/","d":"live.test"}"#

    @Test func siteAddedWhileRunningIsAcceptedWithinOneSecond() async throws {
        var perch = try PerchProcess()
        defer { perch.removeData() }
        try await perch.start()
        defer { perch.stop(signal: SIGTERM) }
        #expect(try await perch.postEvent(Self.pageview).headers["x-plausible-dropped"] == "1")

        #expect(try perch.command(["sites", "add", "live.test"]).status == 0)
        let added = Date()
        var accepted = false
        while Date().timeIntervalSince(added) < 1.0 {
            if try await perch.postEvent(Self.pageview).headers["x-plausible-dropped"] == nil {
                accepted = true
                break
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(accepted, "the running server did not see the new site within 1 s")

        #expect(try perch.command(["sites", "remove", "live.test"]).status == 0)
        let removed = Date()
        var dropped = false
        while Date().timeIntervalSince(removed) < 1.0 {
            if try await perch.postEvent(Self.pageview).headers["x-plausible-dropped"] == "1" {
                dropped = true
                break
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(dropped, "the running server still took events for the removed site after 1 s")
    }

    @Test func restartContinuesTheVisitAndNoRawIPOrUserAgentReachesTheDisk() async throws {
        var perch = try PerchProcess()
        defer { perch.removeData() }
        #expect(try perch.command(["sites", "add", "live.test"]).status == 0)
        let visitor = [
            "User-Agent":
                "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0 PerchSecretMarker/7.3",
            "X-Forwarded-For": "198.51.100.77",
        ]

        try await perch.start()
        #expect(try await perch.postEvent(Self.pageview, headers: visitor).status == 202)
        #expect(perch.stop(signal: SIGTERM) == 0)

        try await perch.start(extraArguments: ["--durability", "buffer"])
        let second = #"{"n":"pageview","u":"https://live.test/pricing","d":"live.test"}"#
        #expect(try await perch.postEvent(second, headers: visitor).status == 202)
        #expect(perch.stop(signal: SIGTERM) == 0)

        let sessions = try perch.command(["sessions", "export", "--site", "live.test"]).output
            .split(separator: "\n")
            .map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(sessions.count == 1)
        #expect(sessions.first?["pageviews"] as? Int == 2)
        #expect(sessions.first?["entry_page"] as? String == "/")
        #expect(sessions.first?["exit_page"] as? String == "/pricing")

        for file in try allFiles(under: perch.dataDirectory) {
            let bytes = try Data(contentsOf: file)
            #expect(bytes.range(of: Data("PerchSecretMarker".utf8)) == nil, "raw User-Agent in \(file.path)")
            #expect(bytes.range(of: Data("198.51.100.77".utf8)) == nil, "raw IP in \(file.path)")
        }
    }

    @Test func exportsWriteTheContractedColumns() async throws {
        var perch = try PerchProcess()
        defer { perch.removeData() }
        #expect(try perch.command(["sites", "add", "live.test"]).status == 0)
        try await perch.start()
        let event = #"{"n":"Signup","u":"https://live.test/join?utm_source=news","d":"live.test","p":{"plan":"pro"}}"#
        #expect(try await perch.postEvent(event).status == 202)
        #expect(perch.stop(signal: SIGTERM) == 0)

        let csv = try perch.command(["events", "export", "--site", "live.test", "--format", "csv"])
        let lines = csv.output.split(whereSeparator: \.isNewline)
        #expect(lines.count == 2)
        let header = lines.first.map { $0.split(separator: ",").map(String.init) } ?? []
        for column in [
            "timestamp", "name", "user_id", "session_id", "hostname", "pathname", "referrer", "referrer_source",
            "utm_medium", "utm_source", "utm_campaign", "utm_content", "utm_term", "click_id_param",
            "acquisition_channel", "country_code", "subdivision1_code", "subdivision2_code", "city_geoname_id",
            "screen_size", "operating_system", "operating_system_version", "browser", "browser_version", "props",
            "revenue_source_amount", "revenue_source_currency", "revenue_reporting_amount",
            "revenue_reporting_currency", "scroll_depth", "engagement_time",
        ] {
            #expect(header.contains(column), "missing column \(column)")
        }

        let ndjson = try perch.command(["events", "export", "--site", "live.test"]).output
        let row = try JSONSerialization.jsonObject(with: Data(ndjson.utf8)) as! [String: Any]
        #expect(row["name"] as? String == "Signup")
        #expect(row["utm_source"] as? String == "news")
        #expect((row["props"] as? [String: String]) == ["plan": "pro"])
        #expect((row["timestamp"] as? String)?.hasSuffix("Z") == true)
        #expect(row["revenue_source_amount"] is NSNull)

        let sessionsCSV = try perch.command(["sessions", "export", "--site", "live.test", "--format", "csv"])
        let sessionHeader = sessionsCSV.output.split(whereSeparator: \.isNewline).first ?? ""
        for column in [
            "start", "duration", "pageviews", "events", "is_bounce", "entry_page", "exit_page",
            "exit_page_hostname", "entry_props",
        ] {
            #expect(sessionHeader.split(separator: ",").contains(Substring(column)), "missing column \(column)")
        }
    }

    @Test func badCommandLinesFailWithAMessage() throws {
        let perch = try PerchProcess()
        defer { perch.removeData() }
        #expect(try perch.command(["sites", "add", "x.test", "--rate-limit", "fast"]).status != 0)
        #expect(try perch.command(["sites", "add", "x.test", "--timezone", "Mars/Olympus"]).status != 0)
        #expect(try perch.command(["sites", "remove", "never.test"]).status != 0)
        #expect(try perch.command(["events", "export", "--site", "never.test"]).status != 0)
        #expect(try perch.command(["serve", "--durability", "sometimes"]).status != 0)
        #expect(try perch.command(["serve", "--flush-interval", "-1s"]).status != 0)
    }

    private func allFiles(under directory: URL) throws -> [URL] {
        let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
        return (enumerator?.allObjects as? [URL] ?? []).filter {
            (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
        }
    }
}
