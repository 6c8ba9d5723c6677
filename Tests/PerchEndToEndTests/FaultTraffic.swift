import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Events sent during a fault, each with its own id (its page path), and what the server answered
/// each: 202, 503 (with `Retry-After`), anything else, or no answer at all.
final class FaultTraffic: Sendable {
    struct Tally {
        var acknowledged: [String] = []
        var refused: [String] = []
        /// 503 answers without a `Retry-After` header.
        var refusedWithoutRetryAfter = 0
        /// Any other answer: the id, the status and the start of the body.
        var other: [String] = []
        /// Requests that got no answer (an error or the client's 10 s timeout).
        var unanswered: [String] = []
        var slowest: Duration = .zero
    }

    let site: String
    private let tally = Mutex(Tally())

    init(site: String) {
        self.site = site
    }

    var snapshot: Tally { tally.withLock { $0 } }

    /// Sends one pageview whose path is `/<id>` and records the answer; returns its status (0 for
    /// no answer). `forwardedFor` (an `X-Forwarded-For` address) makes it another visitor's.
    @discardableResult
    func send(_ id: String, to perch: PerchProcess, forwardedFor: String? = nil) async -> Int {
        var request = URLRequest(url: perch.baseURL.appendingPathComponent("/api/event"))
        request.httpMethod = "POST"
        request.timeoutInterval = 10
        request.setValue("text/plain", forHTTPHeaderField: "Content-Type")
        request.setValue(PerchProcess.browserUserAgent, forHTTPHeaderField: "User-Agent")
        if let forwardedFor { request.setValue(forwardedFor, forHTTPHeaderField: "X-Forwarded-For") }
        request.httpBody = Data(#"{"n":"pageview","u":"https://\#(site)/\#(id)","d":"\#(site)"}"#.utf8)
        let start = ContinuousClock.now
        let reply = try? await URLSession.shared.data(for: request)
        let elapsed = ContinuousClock.now - start
        let response = reply?.1 as? HTTPURLResponse
        tally.withLock { tally in
            tally.slowest = max(tally.slowest, elapsed)
            switch response?.statusCode {
            case 202?: tally.acknowledged.append(id)
            case 503?:
                tally.refused.append(id)
                if response?.value(forHTTPHeaderField: "Retry-After") == nil { tally.refusedWithoutRetryAfter += 1 }
            case let status?:
                let body = String(decoding: (reply?.0 ?? Data()).prefix(120), as: UTF8.self)
                tally.other.append("\(id): \(status) \(body)")
            case nil: tally.unanswered.append(id)
            }
        }
        return response?.statusCode ?? 0
    }

    /// Sends `/<prefix>-0` … `/<prefix>-<count-1>` at once, each on its own connection, all before
    /// reading any answer: the server gets them together, so the journal writes them as one batch.
    func burst(prefix: String, count: Int, port: Int) throws {
        let connections = try (0..<count).map { _ in try RawHTTPConnection(port: port) }
        defer { for connection in connections { connection.closeConnection() } }
        for (number, connection) in connections.enumerated() {
            let body = #"{"n":"pageview","u":"https://\#(site)/\#(prefix)-\#(number)","d":"\#(site)"}"#
            connection.send(
                "POST /api/event HTTP/1.1\r\nHost: \(site)\r\nContent-Type: text/plain\r\n"
                    + "User-Agent: \(PerchProcess.browserUserAgent)\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
            )
        }
        for (number, connection) in connections.enumerated() {
            let reply = connection.readSome()
            let id = "\(prefix)-\(number)"
            tally.withLock { tally in
                if reply.hasPrefix("HTTP/1.1 202") {
                    tally.acknowledged.append(id)
                } else if reply.hasPrefix("HTTP/1.1 503") {
                    tally.refused.append(id)
                    if !reply.lowercased().contains("retry-after:") { tally.refusedWithoutRetryAfter += 1 }
                } else if reply.isEmpty {
                    tally.unanswered.append(id)
                } else {
                    tally.other.append("\(id): \(reply.prefix(120))")
                }
            }
        }
    }

    /// Sends `/<prefix>-0`, `/<prefix>-1`, … one after another from `senders` concurrent clients
    /// (each waiting `pause` after an answer) until `stop` says so (it sees the tally) or `limit`
    /// events were sent.
    func send(
        prefix: String, to perch: PerchProcess, senders: Int = 4, limit: Int, pause: Duration = .zero,
        until stop: @escaping @Sendable (Tally) -> Bool
    ) async {
        await withTaskGroup(of: Void.self) { group in
            for sender in 0..<senders {
                group.addTask {
                    for number in stride(from: sender, to: limit, by: senders) {
                        guard !stop(self.snapshot) else { return }
                        await self.send("\(prefix)-\(number)", to: perch)
                        if pause > .zero { try? await Task.sleep(for: pause) }
                    }
                }
            }
        }
    }
}

extension PerchProcess {
    /// The value of the unlabelled metric `name` on `/metrics`, or nil if absent.
    func metric(_ name: String) async throws -> Double? {
        let text = try await get("/metrics").body
        for line in text.split(separator: "\n") where line.hasPrefix(name + " ") {
            return Double(line.dropFirst(name.count + 1))
        }
        return nil
    }

    /// Polls `condition` every 100 ms until it holds; false if `timeout` passed first.
    func wait(
        upTo timeout: Duration, for condition: @Sendable () async throws -> Bool
    ) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return try await condition()
    }

    /// Waits until the store holds everything the journal took and is not failing.
    func waitUntilStored(upTo timeout: Duration = .seconds(30)) async throws -> Bool {
        try await wait(upTo: timeout) {
            let pending = try await metric("perch_journal_pending_entries")
            let failing = try await metric("perch_store_failing")
            return pending == 0 && failing == 0
        }
    }

    /// Kills the server if a failed expectation left it running (it would hold a test's mount).
    func killIfRunning() {
        if process?.isRunning == true { stop(signal: SIGKILL) }
    }

    /// How many times each page path (without its leading `/`) is stored for `site`, read with
    /// `perch events export` (run it with the server stopped).
    func storedPaths(site: String) throws -> [String: Int] {
        let export = try command(["events", "export", "--site", site])
        guard export.status == 0 else { throw PerchProcessError.exited(export.status) }
        var stored: [String: Int] = [:]
        for line in export.output.split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            let path = (object?["pathname"] as? String ?? "").dropFirst()
            stored[String(path), default: 0] += 1
        }
        return stored
    }
}

/// The server's log, captured to a file for counting what it said.
struct ServerLog {
    let url: URL
    let handle: FileHandle

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("perch-log-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        handle = try FileHandle(forWritingTo: url)
    }

    /// The lines that contain `message`.
    func lines(containing message: String) -> [String] {
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init).filter { $0.contains(message) }
    }

    func remove() {
        try? handle.close()
        try? FileManager.default.removeItem(at: url)
    }
}
