import Foundation
import Testing

/// The data directory's filesystem turned read-only under a running server, as ext4 does when its
/// disk fails. Such a filesystem stays read-only until it is unmounted and checked, so "the fault
/// clears" means what an operator does: stop Perch, repair, start it again.
extension StoreFaultTests {
    @Test(.enabled(if: ScratchDisk.ext4Unavailable == nil, "mounts an ext4 image, which needs root and e2fsprogs"))
    func readOnlyDatabaseDiskKeepsTakingEventsIntoTheJournal() async throws {
        let disk = try ScratchDisk(.ext4, megabytes: 32)
        defer { disk.unmount() }
        let journal = FileManager.default.temporaryDirectory.appendingPathComponent("perch-journal-\(UUID())")
        defer { try? FileManager.default.removeItem(at: journal) }
        let log = try ServerLog()
        defer { log.remove() }
        var perch = try PerchProcess(dataDirectory: disk.mountPoint.appendingPathComponent("data"))
        defer { perch.killIfRunning() }
        let arguments = ["--journal-dir", journal.path, "--flush-interval", "100ms"]
        #expect(try perch.command(["sites", "add", "rodb.test", "--rate-limit", "none"]).status == 0)
        try await perch.start(extraArguments: arguments, log: log.handle)
        let traffic = FaultTraffic(site: "rodb.test")
        let server = perch

        await traffic.send(prefix: "before", to: server, limit: 20) { _ in false }
        #expect(try await perch.waitUntilStored())
        try disk.turnReadOnly()
        await traffic.send(prefix: "readonly", to: server, limit: 200) { _ in false }
        #expect(traffic.snapshot.acknowledged.count == 220, "the journal is on another disk: it should take them")
        #expect(try await perch.wait(upTo: .seconds(10)) { try await server.metric("perch_store_failing") == 1 })
        #expect(perch.stop(signal: SIGTERM) == 0)

        try disk.repair()
        let restartLog = try ServerLog()
        defer { restartLog.remove() }
        try await perch.start(extraArguments: arguments, log: restartLog.handle)
        #expect(try await perch.waitUntilStored())
        #expect(perch.stop(signal: SIGTERM) == 0)

        let outcome = try Self.check(traffic, stored: perch.storedPaths(site: "rodb.test"))
        print(
            "database disk read-only: acknowledged \(outcome.acknowledged), refused \(outcome.refused),"
                + " stored \(outcome.stored) after repair and restart")
        #expect(log.lines(containing: "event store write failed").count == 1)
        #expect(log.lines(containing: "entries left for replay").count == 1)
    }

    @Test(.enabled(if: ScratchDisk.ext4Unavailable == nil, "mounts an ext4 image, which needs root and e2fsprogs"))
    func readOnlyDataDirectoryRefusesEventsAndLosesNone() async throws {
        let disk = try ScratchDisk(.ext4, megabytes: 32)
        defer { disk.unmount() }
        let log = try ServerLog()
        defer { log.remove() }
        var perch = try PerchProcess(dataDirectory: disk.mountPoint.appendingPathComponent("data"))
        defer { perch.killIfRunning() }
        #expect(try perch.command(["sites", "add", "rodir.test", "--rate-limit", "none"]).status == 0)
        // A long flush interval keeps the first events in the journal only when the disk fails.
        try await perch.start(extraArguments: ["--flush-interval", "10m"], log: log.handle)
        let traffic = FaultTraffic(site: "rodir.test")
        let server = perch

        await traffic.send(prefix: "before", to: server, limit: 20) { _ in false }
        try disk.turnReadOnly()
        await traffic.send(prefix: "readonly", to: server, limit: 40) { _ in false }
        #expect(traffic.snapshot.refused.count == 40, "the journal cannot write: it must not answer 202")
        #expect(try await perch.metric("perch_journal_failing") == 1)
        #expect(perch.stop(signal: SIGTERM) == 0)

        try disk.repair()
        try await perch.start(extraArguments: ["--flush-interval", "100ms"])
        #expect(try await perch.waitUntilStored())
        #expect(perch.stop(signal: SIGTERM) == 0)

        let outcome = try Self.check(traffic, stored: perch.storedPaths(site: "rodir.test"))
        print(
            "data directory read-only: acknowledged \(outcome.acknowledged), refused \(outcome.refused),"
                + " stored \(outcome.stored) after repair and restart")
        #expect(outcome.stored == 20)
        #expect(log.lines(containing: "journal write failed").count == 1)
    }
}
