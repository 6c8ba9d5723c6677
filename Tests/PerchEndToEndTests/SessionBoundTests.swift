import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The session cache's bound through the real server (issue 11): past `--max-sessions` the least
/// recently active visits leave memory, and a visitor who comes back within 30 minutes still
/// continues the same visit, read back from the store.
@Suite(.serialized) struct SessionBoundTests {
    static func pageview(_ path: String) -> String {
        #"{"n":"pageview","u":"https://bound.test\#(path)","d":"bound.test"}"#
    }

    static func visitor(_ number: Int) -> [String: String] {
        ["X-Forwarded-For": "10.\(number >> 16 & 255).\(number >> 8 & 255).\(number & 255)"]
    }

    @Test func anEvictedVisitorContinuesItsVisit() async throws {
        var perch = try PerchProcess()
        defer { perch.removeData() }
        #expect(try perch.command(["sites", "add", "bound.test", "--rate-limit", "none"]).status == 0)
        try await perch.start(extraArguments: ["--max-sessions", "1000", "--flush-interval", "100ms"])
        defer { _ = perch.stop(signal: SIGTERM) }

        #expect(try await perch.postEvent(Self.pageview("/first"), headers: Self.visitor(1)).status == 202)
        // 3,000 newer visitors, eight at a time: the cache keeps at most 1,000.
        let url = perch.baseURL.appendingPathComponent("/api/event")
        try await withThrowingTaskGroup(of: Int.self) { group in
            for lane in 0..<8 {
                group.addTask {
                    var accepted = 0
                    for number in stride(from: 2 + lane, through: 3_001, by: 8) {
                        if try await Self.post(Self.pageview("/other"), visitor: number, to: url) == 202 {
                            accepted += 1
                        }
                    }
                    return accepted
                }
            }
            let accepted = try await group.reduce(0, +)
            #expect(accepted == 3_000)
        }
        let metrics = try await perch.get("/metrics").body
        let cached = Self.value(of: "perch_sessions_cached", in: metrics)
        let evicted = Self.value(of: "perch_sessions_evicted_total", in: metrics)
        #expect(cached <= 1_000, "the cache holds \(cached) sessions")
        #expect(evicted >= 2_000, "only \(evicted) sessions were evicted")

        #expect(try await perch.postEvent(Self.pageview("/again"), headers: Self.visitor(1)).status == 202)
        let reloaded = Self.value(of: "perch_sessions_reloaded_total", in: try await perch.get("/metrics").body)
        #expect(reloaded >= 1)
        #expect(perch.stop(signal: SIGTERM) == 0)

        let sessions = try perch.command(["sessions", "export", "--site", "bound.test"]).output
            .split(separator: "\n")
            .map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(sessions.count == 3_001)
        let first = sessions.filter { $0["entry_page"] as? String == "/first" }
        #expect(first.count == 1)
        #expect(first.first?["pageviews"] as? Int == 2)
        #expect(first.first?["exit_page"] as? String == "/again")
        #expect(!sessions.contains { $0["entry_page"] as? String == "/again" }, "the visit was split")
    }

    static func post(_ body: String, visitor: Int, to url: URL) async throws -> Int {
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.timeoutInterval = 10
        request.setValue("text/plain", forHTTPHeaderField: "Content-Type")
        request.setValue(PerchProcess.browserUserAgent, forHTTPHeaderField: "User-Agent")
        for (name, value) in Self.visitor(visitor) { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = Data(body.utf8)
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }

    static func value(of metric: String, in text: String) -> Double {
        for line in text.split(separator: "\n") where line.hasPrefix(metric + " ") {
            return Double(line.split(separator: " ")[1]) ?? 0
        }
        return 0
    }
}
