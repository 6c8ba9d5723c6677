import Foundation
import Testing

/// Store faults, made for real: the database's disk full (a small tmpfs), everything on one full
/// disk, the database locked by another process for 60 s, the data directory turned read-only (an
/// ext4 image with an injected error). Perch answers 202 while its journal can take events and 503
/// with `Retry-After` when it cannot, never 202-then-lose; once the fault clears, every
/// acknowledged event is stored exactly once and no refused one is; the log says what happened
/// once per fault; `/metrics` shows it.
@Suite(.serialized)
struct StoreFaultTests {
    @Test(.enabled(if: ScratchDisk.tmpfsUnavailable == nil, "mounts a tmpfs, which needs root"))
    func databaseDiskFullKeepsTakingEventsUntilTheJournalIsFull() async throws {
        let disk = try ScratchDisk(.tmpfs, megabytes: 8)
        defer { disk.unmount() }
        let journal = FileManager.default.temporaryDirectory.appendingPathComponent("perch-journal-\(UUID())")
        defer { try? FileManager.default.removeItem(at: journal) }
        let log = try ServerLog()
        defer { log.remove() }
        var perch = try PerchProcess(dataDirectory: disk.mountPoint.appendingPathComponent("data"))
        defer { perch.killIfRunning() }
        #expect(try perch.command(["sites", "add", "dbfull.test", "--rate-limit", "none"]).status == 0)
        try await perch.start(
            extraArguments: ["--journal-dir", journal.path, "--journal-max-mb", "1", "--flush-interval", "100ms"],
            log: log.handle)
        let traffic = FaultTraffic(site: "dbfull.test")
        let server = perch

        await traffic.send(prefix: "before", to: server, limit: 20) { _ in false }
        #expect(try await perch.waitUntilStored())
        try disk.fill()
        // The journal (1 MiB, about a thousand events) takes events until it is full, then 503.
        await traffic.send(prefix: "full", to: server, limit: 5_000) { $0.refused.count >= 40 }
        let during = traffic.snapshot
        #expect(try await perch.metric("perch_store_failing") == 1)
        #expect(try await perch.metric("perch_flush_failures_total") ?? 0 >= 1)
        #expect(try await perch.get("/api/health").status == 200)

        try disk.unfill()
        let start = ContinuousClock.now
        #expect(try await perch.waitUntilStored())
        let recovery = ContinuousClock.now - start
        await traffic.send(prefix: "after", to: server, limit: 20) { _ in false }
        #expect(perch.stop(signal: SIGTERM) == 0)

        let outcome = try Self.check(traffic, stored: perch.storedPaths(site: "dbfull.test"))
        print(
            "database disk full: acknowledged \(outcome.acknowledged) (\(during.acknowledged.count - 20) during the"
                + " fault), refused \(outcome.refused), stored \(outcome.stored), recovered \(recovery) after space"
                + " returned")
        #expect(during.acknowledged.count > 500, "the journal should take events while the database cannot")
        #expect(during.refused.count >= 40)
        #expect(traffic.snapshot.acknowledged.filter { $0.hasPrefix("after-") }.count == 20)
        #expect(log.lines(containing: "event store write failed").count == 1)
        #expect(log.lines(containing: "event store write recovered").count == 1)
    }

    @Test(.enabled(if: ScratchDisk.tmpfsUnavailable == nil, "mounts a tmpfs, which needs root"))
    func oneFullDiskRefusesEventsUntilSpaceReturns() async throws {
        let disk = try ScratchDisk(.tmpfs, megabytes: 8)
        defer { disk.unmount() }
        let log = try ServerLog()
        defer { log.remove() }
        var perch = try PerchProcess(dataDirectory: disk.mountPoint.appendingPathComponent("data"))
        defer { perch.killIfRunning() }
        #expect(try perch.command(["sites", "add", "onedisk.test", "--rate-limit", "none"]).status == 0)
        try await perch.start(extraArguments: ["--flush-interval", "100ms"], log: log.handle)
        let traffic = FaultTraffic(site: "onedisk.test")
        let server = perch

        await traffic.send(prefix: "before", to: server, limit: 20) { _ in false }
        #expect(try await perch.waitUntilStored())
        try disk.fill()
        // The zeros the journal wrote ahead of its records (up to `SegmentFile.extensionBytes`, a
        // few thousand events) still take events; then the journal cannot write.
        await traffic.send(prefix: "full", to: server, limit: 20_000) { $0.refused.count >= 40 }
        let during = traffic.snapshot
        #expect(try await perch.metric("perch_journal_failing") == 1)
        #expect(try await perch.metric("perch_journal_write_failures_total") ?? 0 >= 1)

        try disk.unfill()
        let start = ContinuousClock.now
        let accepting = try await perch.wait(upTo: .seconds(10)) {
            await traffic.send("probe-\(UUID())", to: server) == 202
        }
        let recovery = ContinuousClock.now - start
        #expect(accepting, "the journal should take events again once the disk has room")
        await traffic.send(prefix: "after", to: server, limit: 20) { _ in false }
        #expect(try await perch.waitUntilStored())
        #expect(try await perch.metric("perch_journal_failing") == 0)
        #expect(perch.stop(signal: SIGTERM) == 0)

        let outcome = try Self.check(traffic, stored: perch.storedPaths(site: "onedisk.test"))
        print(
            "one full disk: acknowledged \(outcome.acknowledged) (\(during.acknowledged.count - 20) during the"
                + " fault), refused \(outcome.refused), stored \(outcome.stored), accepting again \(recovery) after"
                + " space returned")
        #expect(during.refused.count >= 40)
        #expect(log.lines(containing: "journal write failed").count == 1)
        #expect(log.lines(containing: "journal write recovered").count == 1)
        #expect(log.lines(containing: "event store write failed").count <= 1)
    }

    /// A crash right after a full disk: the store has taken nothing (its flush interval is long),
    /// so the restart replays the journal alone. Records whose write failed half-way were answered
    /// 503 and must not come back from the journal file. On ext4, whose fsync is slow enough that
    /// records pile up into large writes, so the failing write carries whole records too.
    @Test(.enabled(if: ScratchDisk.ext4Unavailable == nil, "mounts an ext4 image, which needs root and e2fsprogs"))
    func aCrashAfterAFullDiskReplaysNoRefusedEvent() async throws {
        let disk = try ScratchDisk(.ext4, megabytes: 32)
        defer { disk.unmount() }
        var perch = try PerchProcess(dataDirectory: disk.mountPoint.appendingPathComponent("data"))
        defer { perch.killIfRunning() }
        #expect(try perch.command(["sites", "add", "crash.test", "--rate-limit", "none"]).status == 0)
        try await perch.start(extraArguments: ["--flush-interval", "10m"])
        let traffic = FaultTraffic(site: "crash.test")
        let server = perch

        await traffic.send(prefix: "before", to: server, limit: 20) { _ in false }
        // Two pages left and bursts of 64 events: the write that meets the full disk carries
        // many records, and those that fit whole before the space ran out must be cut off too.
        try disk.fill(leaving: 8192)
        for round in 0..<20 where traffic.snapshot.refused.count < 80 {
            try traffic.burst(prefix: "full\(round)", count: 64, port: perch.port)
        }
        try disk.unfill()
        #expect(
            try await perch.wait(upTo: .seconds(10)) { await traffic.send("probe-\(UUID())", to: server) == 202 })
        await traffic.send(prefix: "after", to: server, limit: 20) { _ in false }
        perch.stop(signal: SIGKILL)

        try await perch.start(extraArguments: ["--flush-interval", "100ms"])
        #expect(try await perch.waitUntilStored())
        #expect(perch.stop(signal: SIGTERM) == 0)
        let outcome = try Self.check(traffic, stored: perch.storedPaths(site: "crash.test"))
        print(
            "crash after a full disk: acknowledged \(outcome.acknowledged), refused \(outcome.refused),"
                + " stored \(outcome.stored) after the restart's replay")
    }

    /// What the senders saw against what the store holds: every 202 stored exactly once, no 503
    /// stored, every request answered.
    static func check(
        _ traffic: FaultTraffic, stored: [String: Int]
    ) throws -> (acknowledged: Int, refused: Int, stored: Int) {
        let tally = traffic.snapshot
        let lost = tally.acknowledged.filter { stored[$0] == nil }
        let duplicated = stored.filter { $0.value > 1 }.map(\.key)
        let storedRefused = tally.refused.filter { stored[$0] != nil }
        let unexpected = Set(stored.keys).subtracting(tally.acknowledged)
        #expect(lost.isEmpty, "acknowledged but not stored: \(lost.prefix(10))")
        #expect(duplicated.isEmpty, "stored more than once: \(duplicated.prefix(10))")
        #expect(storedRefused.isEmpty, "answered 503 but stored: \(storedRefused.prefix(10))")
        #expect(unexpected.isEmpty, "stored but never acknowledged: \(unexpected.prefix(10))")
        #expect(tally.unanswered.isEmpty, "requests without an answer: \(tally.unanswered.prefix(10))")
        #expect(tally.other.isEmpty, "unexpected answers: \(tally.other.prefix(5))")
        #expect(tally.refusedWithoutRetryAfter == 0)
        #expect(tally.slowest < .seconds(5), "slowest answer \(tally.slowest)")
        return (tally.acknowledged.count, tally.refused.count, stored.values.reduce(0, +))
    }
}
