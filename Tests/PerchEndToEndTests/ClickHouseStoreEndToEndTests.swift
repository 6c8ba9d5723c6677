import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The `perch` binary on the ClickHouse store: a site and a user added by the CLI, events taken by
/// `perch serve --store clickhouse` across a restart, the Stats API answering from ClickHouse, and
/// `perch events export` / `sessions export` showing each event exactly once and each visit as
/// one session.
///
/// Needs a server: `PERCH_CLICKHOUSE_TEST_URL`, set by scripts/test-clickhouse (which runs this
/// suite against Debian's 18.16 and chdb); scripts/test's plain end-to-end run skips the suite.
/// Without the variable the test fails rather than passing unchecked.
@Suite(.serialized)
struct ClickHouseStoreEndToEndTests {
    @Test func eventsTakenByServeExportOnceFromClickHouse() async throws {
        let url = try #require(
            ProcessInfo.processInfo.environment["PERCH_CLICKHOUSE_TEST_URL"],
            "PERCH_CLICKHOUSE_TEST_URL is not set: run scripts/test-clickhouse, which starts the servers")
        let database = "perch_e2e_\(UInt64.random(in: 0...UInt64.max))"
        let store = ["--store", "clickhouse", "--clickhouse-url", url, "--clickhouse-database", database]
        var perch = try PerchProcess()
        defer {
            perch.removeData()
            Self.dropDatabase(database, url: url)
        }

        let added = try perch.command(["sites", "add", "example.com"] + store)
        #expect(added.status == 0 && added.output.hasPrefix("added example.com"), "\(added.output)")
        #expect(try perch.command(["sites", "list"] + store).output.hasPrefix("example.com\tUTC"))
        // The SQLite store of the same data directory knows nothing of it.
        #expect(try perch.command(["sites", "list"]).output.isEmpty)
        // Dashboard accounts live in ClickHouse too.
        let saved = try PerchProcess.run(
            ["users", "add", "ann@example.com", "--data-dir", perch.dataDirectory.path] + store, input: "a password\n")
        #expect(saved.status == 0)
        #expect(try perch.command(["users", "list"] + store).output.contains("ann@example.com"))

        var paths: [String] = []
        let serve = store + ["--flush-interval", "100ms"]
        try await perch.start(extraArguments: serve)
        for index in 0..<20 {
            let path = "/page/\(index)"
            let answer = try await perch.postEvent(
                #"{"n":"pageview","u":"https://example.com\#(path)","d":"example.com"}"#,
                headers: ["X-Forwarded-For": "203.0.113.\(index % 5 + 1)"])
            #expect(answer.status == 202)
            paths.append(path)
        }
        #expect(perch.stop(signal: SIGTERM) == 0)

        // After a restart the visitor's session continues from what ClickHouse holds, and
        // nothing written before is written again.
        try await perch.start(extraArguments: serve)
        let last = try await perch.postEvent(
            #"{"n":"pageview","u":"https://example.com/after-restart","d":"example.com"}"#,
            headers: ["X-Forwarded-For": "203.0.113.1"])
        #expect(last.status == 202)
        paths.append("/after-restart")
        // The Stats API answers from ClickHouse once the writer has moved the events there.
        let key = try perch.command(["keys", "create", "--site", "example.com"] + store)
        let secret = try #require(key.output.split(separator: "\n").last?.split(separator: " ").last.map(String.init))
        let server = perch
        let answered = try await perch.wait(upTo: .seconds(20)) {
            try await Self.aggregate(server, key: secret) == [5, 21]
        }
        let totals = try await Self.aggregate(server, key: secret)
        #expect(answered, "visitors and pageviews: \(totals)")
        #expect(try await perch.get("/api/v1/stats/realtime/visitors").status == 401)
        #expect(perch.stop(signal: SIGTERM) == 0)

        let exported = try perch.command(["events", "export", "--site", "example.com"] + store)
        #expect(exported.status == 0)
        let events = try exported.output.split(separator: "\n").map { line in
            try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        #expect(events.compactMap { $0["pathname"] as? String }.sorted() == paths.sorted())

        let sessions = try perch.command(["sessions", "export", "--site", "example.com"] + store)
        let states = try sessions.output.split(separator: "\n").map { line in
            try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        #expect(states.count == 5)
        #expect(states.compactMap { $0["pageviews"] as? Int }.reduce(0, +) == paths.count)
    }

    /// Visitors and pageviews of example.com over all time, through `POST /api/v2/query`.
    static func aggregate(_ perch: PerchProcess, key: String) async throws -> [Int] {
        var request = URLRequest(url: perch.baseURL.appendingPathComponent("/api/v2/query"))
        request.httpMethod = "POST"
        request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(
            #"{"site_id":"example.com","metrics":["visitors","pageviews"],"date_range":"all"}"#.utf8)
        let (data, _) = try await URLSession.shared.data(for: request)
        let answer = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let rows = answer?["results"] as? [[String: Any]]
        return (rows?.first?["metrics"] as? [Any])?.compactMap { $0 as? Int } ?? []
    }

    /// Removes the test's database (best effort: the server may be gone).
    static func dropDatabase(_ name: String, url: String) {
        guard let endpoint = URL(string: url) else { return }
        var request = URLRequest(url: endpoint)
        request.httpMethod = "POST"
        // On the test cluster (scripts/test-clickhouse sets PERCH_CLICKHOUSE_CLUSTER, which the
        // `perch` processes inherit), every server's copy goes.
        let cluster = ProcessInfo.processInfo.environment["PERCH_CLICKHOUSE_CLUSTER"].map { " ON CLUSTER \($0)" }
        request.httpBody = Data("DROP DATABASE IF EXISTS \(name)\(cluster ?? "")".utf8)
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { _, _, _ in done.signal() }.resume()
        _ = done.wait(timeout: .now() + 10)
    }
}
