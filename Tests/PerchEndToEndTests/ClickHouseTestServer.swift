import Foundation
import Synchronization
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The ClickHouse server scripts/test-clickhouse started for the end-to-end suites on the
/// ClickHouse store (`PERCH_CLICKHOUSE_TEST_URL`), with a database of the test's own, and the way
/// to stop and start that server again (`PERCH_CLICKHOUSE_TEST_CONTROL`: the script, its data
/// directory and ports, e.g. `clickhouse DIR HTTP_PORT TCP_PORT` or `chdb-http DIR PORT`).
struct ClickHouseTestServer {
    let url: String
    let database: String

    init() throws {
        url = try #require(
            ProcessInfo.processInfo.environment["PERCH_CLICKHOUSE_TEST_URL"],
            "PERCH_CLICKHOUSE_TEST_URL is not set: run scripts/test-clickhouse, which starts the servers")
        database = "perch_e2e_\(UInt64.random(in: 0...UInt64.max))"
    }

    /// The flags that put a `perch` command on this server and database.
    var storeArguments: [String] {
        ["--store", "clickhouse", "--clickhouse-url", url, "--clickhouse-database", database]
    }

    /// Runs `sql` in the test's database; the answer's text (TabSeparated), trimmed.
    func query(_ sql: String) throws -> String {
        var components = try #require(URLComponents(string: url))
        components.queryItems = [URLQueryItem(name: "database", value: database)]
        var request = URLRequest(url: try #require(components.url))
        request.httpMethod = "POST"
        request.httpBody = Data(sql.utf8)
        request.timeoutInterval = 30
        let answer = Mutex<(Data?, Int)>((nil, 0))
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, response, _ in
            answer.withLock { $0 = (data, (response as? HTTPURLResponse)?.statusCode ?? 0) }
            done.signal()
        }.resume()
        _ = done.wait(timeout: .now() + 30)
        let (data, status) = answer.withLock { $0 }
        let text = String(decoding: data ?? Data(), as: UTF8.self)
        guard status == 200 else { throw ClickHouseTestServerError.query(status, text) }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func dropDatabase() {
        ClickHouseStoreEndToEndTests.dropDatabase(database, url: url)
    }

    /// `perch events export` of `site`: each event's page path (without its `/`) and session id.
    func exportedEvents(_ perch: PerchProcess, site: String) throws -> [(path: String, session: String)] {
        let export = try perch.command(["events", "export", "--site", site] + storeArguments)
        guard export.status == 0 else { throw PerchProcessError.exited(export.status) }
        return try export.output.split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            let path = (object?["pathname"] as? String ?? "").dropFirst()
            return (String(path), try Self.sessionID(in: line))
        }
    }

    /// `perch sessions export` of `site`: each session's id, pageviews and events.
    func exportedSessions(
        _ perch: PerchProcess, site: String
    ) throws -> [(session: String, pageviews: Int, events: Int)] {
        let export = try perch.command(["sessions", "export", "--site", site] + storeArguments)
        guard export.status == 0 else { throw PerchProcessError.exited(export.status) }
        return try export.output.split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return (
                try Self.sessionID(in: line), object?["pageviews"] as? Int ?? -1, object?["events"] as? Int ?? -1
            )
        }
    }

    /// The `session_id` of an exported line, as text: a UInt64 above Int64.max would not survive
    /// JSONSerialization's numbers.
    private static func sessionID(in line: Substring) throws -> String {
        let key = #""session_id":"#
        let start = try #require(line.range(of: key)).upperBound
        return String(line[start...].prefix { $0.isNumber })
    }

    /// How to stop and start the server again, when scripts/test-clickhouse said
    /// (`PERCH_CLICKHOUSE_TEST_CONTROL`).
    static var control: Control? {
        guard let text = ProcessInfo.processInfo.environment["PERCH_CLICKHOUSE_TEST_CONTROL"] else { return nil }
        let words = text.split(separator: " ").map(String.init)
        guard words.count >= 2 else { return nil }
        return Control(script: words[0], directory: words[1], ports: Array(words.dropFirst(2)))
    }

    /// A server script of `scripts/` (`clickhouse` or `chdb-http`) and what it was started with.
    struct Control {
        let script: String
        let directory: String
        let ports: [String]

        func stop() throws { try run(["stop", directory]) }
        /// Starts the server again on the same directory and ports (it waits for `/ping`).
        func start() throws { try run(["start", directory] + ports) }

        /// Runs the script with posix_spawn and waits with waitpid: Foundation's `Process` once
        /// never saw `scripts/chdb-http start` end (left a zombie, waitUntilExit hung).
        private func run(_ arguments: [String]) throws {
            let path = URL(fileURLWithPath: #filePath)
                .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("scripts").appendingPathComponent(script).path
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            let argv = ([path] + arguments).map { strdup($0) } + [nil]
            defer { for argument in argv { free(argument) } }
            var pid: pid_t = 0
            let spawned = posix_spawn(&pid, path, &actions, nil, argv, environ)
            guard spawned == 0 else { throw PerchProcessError.exited(spawned) }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            // Exited normally (no signal) with status 0.
            guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else { throw PerchProcessError.exited(status) }
        }
    }
}

enum ClickHouseTestServerError: Error {
    case query(Int, String)
}

/// What the senders saw against what ClickHouse holds after the faults: every 202 stored exactly
/// once, no 503 stored, nothing stored that was not sent (an event whose answer the crash cut off
/// may be stored or not), and each session's counters equal to its stored events.
struct ExactlyOnceCheck {
    let acknowledged: Int
    let refused: Int
    let unanswered: Int
    let stored: Int
    let sessions: Int

    init(
        _ traffic: FaultTraffic, events: [(path: String, session: String)],
        sessions: [(session: String, pageviews: Int, events: Int)]
    ) {
        let tally = traffic.snapshot
        var stored: [String: Int] = [:]
        var perSession: [String: Int] = [:]
        for event in events {
            stored[event.path, default: 0] += 1
            perSession[event.session, default: 0] += 1
        }
        let lost = tally.acknowledged.filter { stored[$0] == nil }
        let duplicated = stored.filter { $0.value > 1 }.map(\.key)
        let storedRefused = tally.refused.filter { stored[$0] != nil }
        let unexpected = Set(stored.keys).subtracting(tally.acknowledged).subtracting(tally.unanswered)
        #expect(lost.isEmpty, "acknowledged but not stored (\(lost.count)): \(lost.prefix(10))")
        #expect(duplicated.isEmpty, "stored more than once (\(duplicated.count)): \(duplicated.prefix(10))")
        #expect(storedRefused.isEmpty, "answered 503 but stored: \(storedRefused.prefix(10))")
        #expect(unexpected.isEmpty, "stored but never sent: \(unexpected.prefix(10))")
        #expect(tally.other.isEmpty, "unexpected answers: \(tally.other.prefix(5))")
        #expect(tally.refusedWithoutRetryAfter == 0)

        // One state per session, counting exactly the events stored for it (all are pageviews).
        let ids = sessions.map(\.session)
        #expect(Set(ids).count == ids.count, "a session exported twice")
        #expect(Set(ids) == Set(perSession.keys), "sessions without events, or events without a session")
        let wrong = sessions.filter { $0.pageviews != perSession[$0.session] || $0.events != perSession[$0.session] }
        #expect(
            wrong.isEmpty,
            "sessions whose counters differ from their events: \(wrong.prefix(5).map { "\($0) vs \(perSession[$0.session] ?? 0)" })"
        )
        #expect(sessions.map(\.pageviews).reduce(0, +) == events.count)

        acknowledged = tally.acknowledged.count
        refused = tally.refused.count
        unanswered = tally.unanswered.count
        self.stored = events.count
        self.sessions = sessions.count
    }

    var summary: String {
        "acknowledged \(acknowledged), refused \(refused), unanswered \(unanswered), stored \(stored) in \(sessions) sessions"
    }
}
