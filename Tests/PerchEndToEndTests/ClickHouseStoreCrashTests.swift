import Foundation
import Testing

/// Exactly once on the ClickHouse store, end to end: a real `perch serve --store clickhouse`
/// killed with SIGKILL under load, at random moments and, through the writer's test hook
/// (`PERCH_FAULT_CLICKHOUSE_CRASH_AFTER`), between the inserts of one batch; after a restart every
/// acknowledged event is stored once and every session's counters equal its stored events.
///
/// Needs a server (`PERCH_CLICKHOUSE_TEST_URL`): scripts/test-clickhouse runs the suite against
/// Debian's 18.16 and chdb; scripts/test's plain end-to-end run skips it. Without the variable
/// the tests fail rather than pass unchecked.
@Suite(.serialized)
struct ClickHouseStoreCrashTests {
    /// Visitors whose sessions run across every kill and restart (so a restarted server must find
    /// their sessions in ClickHouse), from six senders.
    static let senders = 6

    @Test func killedAtRandomMomentsUnderLoadStoresEveryAcknowledgedEventOnce() async throws {
        let site = "chkill.test"
        var nodes = try ClickHouseNodes(count: 1, site: site)
        defer { nodes.tearDown() }
        let server = nodes.server
        let traffic = FaultTraffic(site: site)
        var moments: [Duration] = []
        for round in 0..<5 {
            try await nodes.first.start(extraArguments: server.storeArguments + ["--flush-interval", "50ms"])
            let moment = Duration.milliseconds(Int.random(in: 300...3_000))
            moments.append(moment)
            try await Self.load(traffic, on: nodes.first, round: round) { running in
                try await Task.sleep(for: moment)
                running.stop(signal: SIGKILL)
            }
            #expect(nodes.first.process?.terminationStatus == SIGKILL)
        }
        try await nodes.first.start(extraArguments: server.storeArguments + ["--flush-interval", "50ms"])
        let start = ContinuousClock.now
        #expect(try await nodes.first.waitUntilStored(upTo: .seconds(60)))
        let recovery = ContinuousClock.now - start
        #expect(nodes.first.stop(signal: SIGTERM) == 0)

        let check = ExactlyOnceCheck(
            traffic, events: try server.exportedEvents(nodes.first, site: site),
            sessions: try server.exportedSessions(nodes.first, site: site))
        print(
            "clickhouse kill -9 at \(moments.map(\.description).joined(separator: ", ")) under load: \(check.summary);"
                + " stored everything \(recovery) after the last restart")
        #expect(check.acknowledged >= 300, "too little load to mean anything")
        #expect(check.sessions >= Self.senders)
    }

    @Test(arguments: ["events", "sessions"])
    func killedBetweenInsertsStoresEveryAcknowledgedEventOnce(after step: String) async throws {
        let site = "chstep.test"
        var nodes = try ClickHouseNodes(count: 1, site: site)
        defer { nodes.tearDown() }
        let server = nodes.server
        let traffic = FaultTraffic(site: site)
        // The third write dies after its `step` insert, before the journal position is recorded;
        // a long flush interval makes it a batch of many events.
        try await nodes.first.start(
            extraArguments: server.storeArguments + ["--flush-interval", "500ms"],
            environment: ["PERCH_FAULT_CLICKHOUSE_CRASH_AFTER": "\(step):3"])
        try await Self.load(traffic, on: nodes.first, round: 0) { running in
            // The hook kills the server; if it has not within 30 s, the test fails below.
            for _ in 0..<300 where running.process?.isRunning == true {
                try await Task.sleep(for: .milliseconds(100))
            }
            running.killIfRunning()
        }
        let process = try #require(nodes.first.process)
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL)
        // The crash fell between the inserts: the batch's events are in ClickHouse, its journal
        // position is not.
        let beyond = try server.query(
            "SELECT count() FROM events WHERE journal_sequence > (SELECT max(sequence) FROM journal_positions)")
        #expect((Int(beyond) ?? 0) > 0, "no events beyond the recorded position: \(beyond)")
        let positions = try server.query("SELECT count() FROM journal_positions")

        try await nodes.first.start(extraArguments: server.storeArguments + ["--flush-interval", "100ms"])
        let start = ContinuousClock.now
        #expect(try await nodes.first.waitUntilStored(upTo: .seconds(60)))
        let recovery = ContinuousClock.now - start
        for visitor in 0..<Self.senders {
            await traffic.send("after-\(visitor)", to: nodes.first, forwardedFor: Self.visitor(visitor))
        }
        #expect(try await nodes.first.waitUntilStored())
        #expect(nodes.first.stop(signal: SIGTERM) == 0)

        let check = ExactlyOnceCheck(
            traffic, events: try server.exportedEvents(nodes.first, site: site),
            sessions: try server.exportedSessions(nodes.first, site: site))
        print(
            "clickhouse crash after the \(step) insert of write 3 (\(positions) positions recorded, \(beyond) events"
                + " beyond): \(check.summary); stored everything \(recovery) after the restart")
        #expect(check.acknowledged >= 20)
        #expect(check.sessions == Self.senders)
    }

    /// The address of visitor `number` (the same in every round, so sessions continue).
    static func visitor(_ number: Int) -> String { "198.51.100.\(number + 1)" }

    /// Sends from `senders` visitors, one request after another each, while the server runs;
    /// `kill` ends it (the senders stop once the process has gone).
    static func load(
        _ traffic: FaultTraffic, on perch: PerchProcess, round: Int,
        kill: @escaping @Sendable (PerchProcess) async throws -> Void
    ) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for sender in 0..<senders {
                group.addTask {
                    var number = 0
                    while perch.process?.isRunning == true {
                        await traffic.send("r\(round)-v\(sender)-\(number)", to: perch, forwardedFor: visitor(sender))
                        number += 1
                    }
                }
            }
            group.addTask { try await kill(perch) }
            try await group.waitForAll()
        }
    }
}
