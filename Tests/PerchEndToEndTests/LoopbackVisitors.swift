import Foundation
import Synchronization

/// Visitors told apart by their loopback source address (`127.0.0.2`, `127.0.1.5`, …): each
/// pageview is one request on its own connection bound to that address, so a proxy in front sees
/// one client per address. Blocking sockets, so concurrent load runs on threads of its own rather
/// than on the test's task pool.
final class LoopbackVisitors: Sendable {
    struct Tally {
        /// Page paths (without the leading `/`) answered 202 with nothing dropped.
        var acknowledged: [String] = []
        /// Every other answer by status line (or "no answer").
        var others: [String: Int] = [:]
    }

    let site: String
    let port: Int
    private let tally = Mutex(Tally())
    private let stopping = Atomic<Bool>(false)
    private let running = Atomic<Int>(0)

    init(site: String, port: Int) {
        self.site = site
        self.port = port
    }

    var snapshot: Tally { tally.withLock { $0 } }

    /// Sends a pageview of `/path` from `source` and records the answer; true when it was 202 with
    /// nothing dropped.
    @discardableResult
    func pageview(_ path: String, from source: String) -> Bool {
        let body = #"{"n":"pageview","u":"https://\#(site)/\#(path)","d":"\#(site)"}"#
        let reply: String
        if let connection = try? RawHTTPConnection(port: port, source: source) {
            connection.send(
                "POST /api/event HTTP/1.1\r\nHost: \(site)\r\nContent-Type: text/plain\r\n"
                    + "User-Agent: \(PerchProcess.browserUserAgent)\r\nContent-Length: \(body.utf8.count)\r\n"
                    + "Connection: close\r\n\r\n\(body)")
            reply = connection.readAll()
            connection.closeConnection()
        } else {
            reply = ""
        }
        let statusLine = reply.split(separator: "\r\n").first.map(String.init) ?? "no answer"
        let accepted = statusLine.hasPrefix("HTTP/1.1 202") && !reply.lowercased().contains("x-plausible-dropped:")
        tally.withLock { tally in
            if accepted { tally.acknowledged.append(path) } else { tally.others[statusLine, default: 0] += 1 }
        }
        return accepted
    }

    /// Starts one thread per source address, each sending `/<prefix>-<n>-0`, `-1`, … one after
    /// another until `stop()`.
    func startLoad(prefix: String, sources: [String]) {
        for (number, source) in sources.enumerated() {
            running.add(1, ordering: .sequentiallyConsistent)
            let thread = Thread {
                var sequence = 0
                while !self.stopping.load(ordering: .sequentiallyConsistent) {
                    self.pageview("\(prefix)-\(number)-\(sequence)", from: source)
                    sequence += 1
                }
                self.running.subtract(1, ordering: .sequentiallyConsistent)
            }
            thread.start()
        }
    }

    /// Stops the load and waits until every sender has had its last answer.
    func stop() async throws {
        stopping.store(true, ordering: .sequentiallyConsistent)
        while running.load(ordering: .sequentiallyConsistent) > 0 {
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}
