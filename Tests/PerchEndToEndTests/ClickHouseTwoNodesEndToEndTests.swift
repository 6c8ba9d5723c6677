import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Two `perch serve --store clickhouse` nodes, each with its own data directory and journal, on one
/// ClickHouse database behind nginx running the shipped `docs/nginx-two-nodes.conf` (client
/// address hashed, so a visitor stays on one node). Visitors are loopback source addresses.
/// Checks, in order: the Stats API of either node counts the traffic as one node would (each
/// address one visitor with one visit) and both nodes took part of it; a node killed with SIGKILL
/// under load and restarted loses nothing it acknowledged and stores nothing twice; a site added
/// by the CLI is accepted by both nodes within a second.
///
/// Needs a server (`PERCH_CLICKHOUSE_TEST_URL`) and nginx: scripts/test-clickhouse runs it;
/// scripts/test's plain end-to-end run skips the suite. Without the variable it fails.
@Suite(.serialized)
struct ClickHouseTwoNodesEndToEndTests {
    static let site = "example.com"

    @Test func countsThroughNginxAreOneNodesAndBothNodesTakePart() async throws {
        var nodes = try ClickHouseNodes(count: 2, site: Self.site)
        defer { nodes.tearDown() }
        let store = nodes.server.storeArguments
        let serve = Self.serveArguments(store)
        let nginx = try await nodes.startBehindNginx(extraArguments: serve)

        // a. 39 visitors × 5 pageviews through nginx, in rounds.
        let visitors = LoopbackVisitors(site: Self.site, port: nginx.port)
        let hosts = 2...40
        for round in 0..<5 {
            for host in hosts { visitors.pageview("a-\(host)-\(round)", from: "127.0.0.\(host)") }
        }
        let sent = visitors.snapshot
        #expect(sent.acknowledged.count == hosts.count * 5, "other answers: \(sent.others)")
        let firstTook = try await nodes.first.metric("perch_events_accepted_total") ?? 0
        let secondTook = try await nodes.second.metric("perch_events_accepted_total") ?? 0
        print("two nodes: pageviews accepted by node 1 \(Int(firstTook)), by node 2 \(Int(secondTook))")
        #expect(firstTook > 0 && secondTook > 0, "nginx sent every visitor to one node")
        #expect(Int(firstTook + secondTook) == hosts.count * 5)

        let key = try nodes.first.command(["keys", "create", "--site", Self.site] + store)
        let secret = try #require(key.output.split(separator: "\n").last?.split(separator: " ").last.map(String.init))
        let expected = [hosts.count, hosts.count * 5, hosts.count]
        for node in [nodes.first, nodes.second] {
            let answered = try await node.wait(upTo: .seconds(20)) {
                try await Self.aggregate(node, key: secret) == expected
            }
            let totals = try await Self.aggregate(node, key: secret)
            print(
                "two nodes: Stats API of port \(node.port): visitors, pageviews, visits \(totals); expected \(expected)"
            )
            #expect(answered, "visitors, pageviews, visits: \(totals), expected \(expected)")
        }

        // Every event is stored once.
        #expect(try await nodes.first.waitUntilStored())
        #expect(try await nodes.second.waitUntilStored())
        let stored = try Self.storedPaths(nodes.first, store: store)
        #expect(stored.keys.sorted() == sent.acknowledged.sorted())
        #expect(stored.values.allSatisfy { $0 == 1 })
    }

    @Test
    func killedNodeLosesNothingAndBothNodesTakeANewSite() async throws {
        var nodes = try ClickHouseNodes(count: 2, site: Self.site)
        defer { nodes.tearDown() }
        let store = nodes.server.storeArguments
        let serve = Self.serveArguments(store)
        let nginx = try await nodes.startBehindNginx(extraArguments: serve)

        // b. Load through nginx from 8 addresses; SIGKILL node 1 under it, restart it.
        let load = LoopbackVisitors(site: Self.site, port: nginx.port)
        load.startLoad(prefix: "b", sources: (1...8).map { "127.0.1.\($0)" })
        let before = try await Self.waitForAcknowledged(load, atLeast: 300)
        let firstUnderLoad = try await nodes.first.metric("perch_events_accepted_total") ?? 0
        nodes.first.stop(signal: SIGKILL)
        let whileDown = try await Self.waitForAcknowledged(load, atLeast: before + 300)
        let restartLog = try ServerLog()
        defer { restartLog.remove() }
        try await nodes.first.start(extraArguments: serve, log: restartLog.handle)
        _ = try await Self.waitForAcknowledged(load, atLeast: whileDown + 300)
        // nginx sends nothing to a node that failed for `fail_timeout` (2 s in the shipped file).
        let restarted = nodes.first
        _ = try await nodes.first.wait(upTo: .seconds(15)) {
            try await restarted.metric("perch_events_accepted_total") ?? 0 > 0
        }
        try await load.stop()
        let firstAfterRestart = try await nodes.first.metric("perch_events_accepted_total") ?? 0
        let tally = load.snapshot
        print(
            "two nodes, SIGKILL under load: acknowledged \(tally.acknowledged.count) (\(before) before the kill, "
                + "\(whileDown - before) while node 1 was down), other answers \(tally.others); node 1 took "
                + "\(Int(firstUnderLoad)) before the kill, \(Int(firstAfterRestart)) after its restart")
        #expect(firstUnderLoad > 0, "node 1 took none of the load before it was killed")
        #expect(firstAfterRestart > 0, "node 1 took none of the load after its restart")

        // c. A site added by the CLI while both run: each node accepts it within a second.
        #expect(
            nodes.first.process?.isRunning == true,
            "node 1 ended after its restart: \(restartLog.lines(containing: ""))")
        for node in [nodes.first, nodes.second] {
            let reply = try await node.postEvent(#"{"n":"pageview","u":"https://new.test/before","d":"new.test"}"#)
            #expect(reply.headers["x-plausible-dropped"] == "1", "new.test accepted before it was added")
        }
        #expect(try nodes.first.command(["sites", "add", "new.test"] + store).status == 0)
        let added = ContinuousClock.now
        var delays: [Duration] = []
        for node in [nodes.first, nodes.second] {
            let server = node
            let accepted = try await node.wait(upTo: .seconds(5)) {
                let reply = try await server.postEvent(
                    #"{"n":"pageview","u":"https://new.test/after","d":"new.test"}"#)
                return reply.status == 202 && reply.headers["x-plausible-dropped"] == nil
            }
            delays.append(ContinuousClock.now - added)
            #expect(accepted)
        }
        print("two nodes: new.test accepted by node 1 after \(delays[0]), node 2 after \(delays[1])")
        #expect(delays.allSatisfy { $0 < .seconds(1) }, "\(delays)")

        // Every acknowledged event is stored exactly once.
        #expect(try await nodes.first.waitUntilStored())
        #expect(try await nodes.second.waitUntilStored())
        #expect(nodes.first.stop(signal: SIGTERM) == 0)
        #expect(nodes.second.stop(signal: SIGTERM) == 0)
        let stored = try Self.storedPaths(nodes.first, store: store)
        let acknowledged = tally.acknowledged
        let lost = acknowledged.filter { stored[$0] == nil }
        let duplicated = stored.filter { $0.value > 1 }
        print(
            "two nodes: acknowledged \(acknowledged.count), stored \(stored.count) paths, lost \(lost.count), "
                + "duplicated \(duplicated.count)")
        #expect(lost.isEmpty, "acknowledged but not stored: \(lost.prefix(10))")
        #expect(duplicated.isEmpty, "stored more than once: \(duplicated.prefix(10))")
    }

    /// The `perch serve` flags of both nodes: the store, a short flush interval, nginx trusted.
    static func serveArguments(_ store: [String]) -> [String] {
        store + ["--flush-interval", "100ms", "--trusted-proxy", "127.0.0.1"]
    }

    /// Waits until `visitors` has at least `count` acknowledged events; returns how many it has.
    static func waitForAcknowledged(_ visitors: LoopbackVisitors, atLeast count: Int) async throws -> Int {
        let deadline = ContinuousClock.now + .seconds(60)
        while visitors.snapshot.acknowledged.count < count, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        return visitors.snapshot.acknowledged.count
    }

    /// How many times each page path (without its `/`) of the site is stored in ClickHouse.
    static func storedPaths(_ perch: PerchProcess, store: [String]) throws -> [String: Int] {
        let export = try perch.command(["events", "export", "--site", site] + store)
        guard export.status == 0 else { throw PerchProcessError.exited(export.status) }
        var stored: [String: Int] = [:]
        for line in export.output.split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            stored[String((object?["pathname"] as? String ?? "").dropFirst()), default: 0] += 1
        }
        return stored
    }

    /// Visitors, pageviews and visits of the site over all time, through `POST /api/v2/query`.
    static func aggregate(_ perch: PerchProcess, key: String) async throws -> [Int] {
        var request = URLRequest(url: perch.baseURL.appendingPathComponent("/api/v2/query"))
        request.httpMethod = "POST"
        request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(
            #"{"site_id":"\#(site)","metrics":["visitors","pageviews","visits"],"date_range":"all"}"#.utf8)
        let (data, _) = try await URLSession.shared.data(for: request)
        let answer = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let rows = answer?["results"] as? [[String: Any]]
        return (rows?.first?["metrics"] as? [Any])?.compactMap { $0 as? Int } ?? []
    }
}
