import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A server killed (SIGKILL) after a periodic column snapshot and more commits starts again from
/// that snapshot, caught up from the database, and answers the Stats API as SQL alone does.
@Suite struct ColumnSnapshotCrashTests {
    /// The queries compared: over yesterday, today and tomorrow (UTC), held in the columns.
    static func bodies() -> [String] {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        let now = Date()
        let range = "[\"\(formatter.string(from: now - 86_400))\",\"\(formatter.string(from: now + 86_400))\"]"
        let metrics = #""metrics":["visitors","visits","pageviews","events","bounce_rate","visit_duration"]"#
        let visit = #""metrics":["visitors","visits","bounce_rate","visit_duration"]"#
        let event = #""metrics":["visitors","pageviews","events"]"#
        return [
            #"{"site_id":"example.com",\#(metrics),"date_range":\#(range)}"#,
            #"{"site_id":"example.com",\#(event),"date_range":\#(range),"dimensions":["event:page"]}"#,
            #"{"site_id":"example.com",\#(visit),"date_range":\#(range),"dimensions":["visit:entry_page"]}"#,
            #"{"site_id":"example.com",\#(visit),"date_range":\#(range),"dimensions":["visit:exit_page"]}"#,
            #"{"site_id":"example.com",\#(metrics),"date_range":\#(range),"dimensions":["time:day"]}"#,
        ]
    }

    /// The `results` of `POST /api/v2/query` with `body`, rows sorted by their text.
    static func results(_ perch: PerchProcess, key: String, body: String) async throws -> [String] {
        var request = URLRequest(url: perch.baseURL.appendingPathComponent("/api/v2/query"))
        request.httpMethod = "POST"
        request.timeoutInterval = 10
        request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(body.utf8)
        let (data, _) = try await URLSession.shared.data(for: request)
        let answer = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(body)")
        let rows = try #require(answer["results"] as? [Any], "\(answer)")
        return try rows.map {
            String(decoding: try JSONSerialization.data(withJSONObject: $0, options: .sortedKeys), as: UTF8.self)
        }.sorted()
    }

    static func answers(_ perch: PerchProcess, key: String) async throws -> [[String]] {
        var answers: [[String]] = []
        for body in bodies() { answers.append(try await results(perch, key: key, body: body)) }
        return answers
    }

    /// `count` pageviews from visitors `visitors` (by address), on `prefix` pages.
    static func send(_ perch: PerchProcess, count: Int, visitors: Range<Int>, prefix: String) async throws {
        for index in 0..<count {
            let answer = try await perch.postEvent(
                #"{"n":"pageview","u":"https://example.com/\#(prefix)/\#(index % 4)","d":"example.com"}"#,
                headers: ["X-Forwarded-For": "203.0.113.\(visitors.lowerBound + index % visitors.count)"])
            #expect(answer.status == 202)
        }
    }

    @Test func aKilledServerStartsFromItsPeriodicSnapshotCaughtUp() async throws {
        var perch = try PerchProcess()
        let log = try ServerLog()
        defer {
            perch.stop(signal: SIGKILL)
            perch.removeData()
            log.remove()
        }
        // Before any start: a command run between the kill and the restart would stop the snapshot.
        #expect(try perch.command(["sites", "add", "example.com"]).status == 0)
        let created = try perch.command(["keys", "create", "--site", "example.com"])
        let key = try #require(created.output.split(separator: "\n").last?.split(separator: " ").last.map(String.init))
        let serve = ["--flush-interval", "100ms", "--stats-snapshot-interval", "4s"]

        try await perch.start(extraArguments: serve, log: log.handle)
        try await Self.send(perch, count: 12, visitors: 1..<5, prefix: "before")
        #expect(try await perch.waitUntilStored())
        // The first query loads the site's columns; the periodic save then writes them.
        _ = try await Self.answers(perch, key: key)
        let saved = try await perch.wait(upTo: .seconds(30)) { !log.lines(containing: "stats.columns.saved").isEmpty }
        #expect(saved, "no periodic save")
        // Right after a save (the next is seconds away): new visitors and continued visits.
        try await Self.send(perch, count: 9, visitors: 3..<8, prefix: "after")
        #expect(try await perch.waitUntilStored())
        let beforeKill = try await Self.answers(perch, key: key)
        #expect(perch.stop(signal: SIGKILL) == SIGKILL)

        let restartLog = try ServerLog()
        defer { restartLog.remove() }
        try await perch.start(extraArguments: serve, log: restartLog.handle)
        let first = try await Self.answers(perch, key: key)
        let restored = restartLog.lines(containing: "stats.columns.restored")
        #expect(restored.count == 1 && restored.allSatisfy { $0.contains("caught.up=") }, "\(restored)")
        #expect(restartLog.lines(containing: "stats.columns.loaded").isEmpty, "loaded from SQLite after all")
        #expect(perch.stop(signal: SIGTERM) == 0)

        // The same queries with the column cache off: SQL alone.
        try await perch.start(extraArguments: serve + ["--stats-cache-mb", "0"])
        let sql = try await Self.answers(perch, key: key)
        #expect(first == sql)
        #expect(beforeKill == sql)
        #expect(sql.first?.isEmpty == false)
    }
}
