import Foundation
import PerchCore
import Synchronization
import Testing

@testable import PerchJournal

/// The flusher's bounded wait for a fuller batch (`JournalGroupCommit`). The journals here wait
/// up to an hour, so a wait that did not end when it should shows as a test over its time limit,
/// and one that should have happened and did not shows as entries made durable too early.
@Suite(.timeLimit(.minutes(1))) struct JournalGroupCommitTests {
    /// Waits an hour for `target` records whenever the last sync carried more than one.
    static func open(_ directory: String, target: Int = 4, segmentBytes: Int = 64 << 20) throws -> Journal {
        let journal = try Journal(
            directory: directory, segmentBytes: segmentBytes,
            groupCommit: JournalGroupCommit(
                maxDelay: .seconds(3600), targetRecords: target, busyWithin: .seconds(3600)),
            retryAfterFailure: .zero, logger: Fixtures.quietLogger)
        try journal.open(appliedSequence: 0)
        return journal
    }

    /// Appends pairs of entries until one sync carried both, which makes the flusher wait for
    /// the next batch to fill.
    static func makeBusy(_ journal: Journal) async throws {
        var index = 1000
        repeat {
            let first = try journal.append(Fixtures.entry(index))
            let second = try journal.append(Fixtures.entry(index + 1))
            try await journal.waitDurable(first)
            try await journal.waitDurable(second)
            index += 2
        } while journal.state.withLock({ $0.lastSyncRecords }) < 2
    }

    /// Appends `entries` and collects what their durability callbacks report, in call order.
    static func append(_ entries: [JournalEntry], to journal: Journal, into outcomes: Outcomes) throws {
        for entry in entries {
            let sequence = try journal.append(entry)
            journal.whenDurable(sequence) { outcomes.record(sequence, $0) }
        }
    }

    final class Outcomes: Sendable {
        private let results = Mutex<[(UInt64, Result<Void, JournalError>)]>([])

        func record(_ sequence: UInt64, _ result: Result<Void, JournalError>) {
            results.withLock { $0.append((sequence, result)) }
        }

        var count: Int { results.withLock { $0.count } }
        var succeeded: [UInt64] {
            results.withLock { $0.compactMap { if case .success = $0.1 { $0.0 } else { nil } } }
        }
        var failed: Int { results.withLock { $0.filter { if case .failure = $0.1 { true } else { false } }.count } }

        /// Waits (polling) until `count` callbacks have come.
        func wait(for count: Int) async throws {
            while self.count < count { try await Task.sleep(for: .milliseconds(5)) }
        }
    }

    /// Makes `journal` (target 4) busy, appends three entries and checks they are held, then a
    /// fourth, and checks all four are made durable; returns what their callbacks reported.
    @discardableResult
    static func expectShortBatchHeldUntilItsTarget(_ journal: Journal) async throws -> Outcomes {
        try await makeBusy(journal)
        let outcomes = Outcomes()
        try append((1...3).map { Fixtures.entry($0) }, to: journal, into: outcomes)
        try await Task.sleep(for: .milliseconds(200))
        #expect(outcomes.count == 0, "three records of four are held")
        try append([Fixtures.entry(4)], to: journal, into: outcomes)
        try await outcomes.wait(for: 4)
        #expect(outcomes.failed == 0)
        return outcomes
    }

    @Test func theDelayIsOnlyTakenWhenTheJournalIsBusyAndTheBatchIsShort() {
        let policy = JournalGroupCommit(maxDelay: .microseconds(200), targetRecords: 8, busyWithin: .milliseconds(1))
        #expect(policy.delay(staged: 3, sinceLastSync: 10_000, previousBatch: 5) == 200_000)
        #expect(policy.delay(staged: 8, sinceLastSync: 10_000, previousBatch: 5) == nil, "the batch is full")
        #expect(
            policy.delay(staged: 3, sinceLastSync: 1_000_000, previousBatch: 5) == nil, "the last sync was long ago")
        #expect(
            policy.delay(staged: 3, sinceLastSync: 10_000, previousBatch: 1) == nil, "the last sync was a lone record")
        #expect(policy.delay(staged: 0, sinceLastSync: 10_000, previousBatch: 5) == nil, "nothing to wait with")
        #expect(JournalGroupCommit.immediate.delay(staged: 1, sinceLastSync: 0, previousBatch: 100) == nil)
        let saturated = JournalGroupCommit(
            maxDelay: .microseconds(200), targetRecords: 64, busyWithin: .milliseconds(1), busyBatch: 12)
        #expect(saturated.delay(staged: 3, sinceLastSync: 10_000, previousBatch: 11) == nil, "a short last batch")
        #expect(saturated.delay(staged: 3, sinceLastSync: 10_000, previousBatch: 12) == 200_000)
    }

    @Test func aSaturatedMachineCountsSmallerBatchesAsBusy() {
        let policy = JournalGroupCommit(
            maxDelay: .microseconds(200), targetRecords: 16, busyWithin: .milliseconds(1), busyBatch: 12,
            cpu: .init(batch: 3, window: .milliseconds(200), idleBelow: 0.15))
        #expect(policy.delay(staged: 2, sinceLastSync: 10_000, previousBatch: 3) == nil, "CPU to spare")
        #expect(policy.delay(staged: 2, sinceLastSync: 10_000, previousBatch: 3, cpuSaturated: true) == 200_000)
        #expect(policy.delay(staged: 2, sinceLastSync: 10_000, previousBatch: 2, cpuSaturated: true) == nil)
        #expect(
            policy.delay(staged: 2, sinceLastSync: 2_000_000, previousBatch: 3, cpuSaturated: true) == nil,
            "the last sync was long ago")
        #expect(policy.delay(staged: 2, sinceLastSync: 10_000, previousBatch: 12) == 200_000)
        // The CPU is asked only when its answer decides.
        #expect(policy.asksCPU(sinceLastSync: 10_000, previousBatch: 3))
        #expect(policy.asksCPU(sinceLastSync: 10_000, previousBatch: 11))
        #expect(!policy.asksCPU(sinceLastSync: 10_000, previousBatch: 2), "too small either way")
        #expect(!policy.asksCPU(sinceLastSync: 10_000, previousBatch: 12), "busy either way")
        #expect(!policy.asksCPU(sinceLastSync: 2_000_000, previousBatch: 5), "quiet either way")
        let withoutCPU = JournalGroupCommit(
            maxDelay: .microseconds(200), targetRecords: 16, busyWithin: .milliseconds(1), busyBatch: 12)
        #expect(!withoutCPU.asksCPU(sinceLastSync: 10_000, previousBatch: 5))
        #expect(withoutCPU.delay(staged: 2, sinceLastSync: 10_000, previousBatch: 5, cpuSaturated: true) == nil)
        #expect(!JournalGroupCommit.immediate.asksCPU(sinceLastSync: 0, previousBatch: 5))
    }

    /// CPU times that grow by 100 ticks a reading, `idlePercent` of them idle.
    static func cpuTimes(idlePercent: UInt64) -> @Sendable () -> CPUTimes? {
        let readings = Mutex<UInt64>(0)
        return {
            let count = readings.withLock { count in
                count += 1
                return count
            }
            return CPUTimes(idle: count * idlePercent, total: count * 100)
        }
    }

    /// Waits an hour for `target` records after a batch of 100 or more, or of 2 or more while
    /// `cpuTimes` says the CPUs are saturated (read on every decision).
    static func openWatchingCPU(_ directory: String, idlePercent: UInt64, target: Int = 4) throws -> Journal {
        let journal = try Journal(
            directory: directory,
            groupCommit: JournalGroupCommit(
                maxDelay: .seconds(3600), targetRecords: target, busyWithin: .seconds(3600), busyBatch: 100,
                cpu: .init(batch: 2, window: .zero, idleBelow: 0.15)),
            retryAfterFailure: .zero, cpuTimes: Self.cpuTimes(idlePercent: idlePercent),
            logger: Fixtures.quietLogger)
        try journal.open(appliedSequence: 0)
        return journal
    }

    @Test func aSaturatedMachineHoldsAShortBatchAfterASharedSync() async throws {
        try await Fixtures.withDirectory { directory in
            let journal = try Self.openWatchingCPU(directory, idlePercent: 5)
            defer { journal.close() }
            try await Self.expectShortBatchHeldUntilItsTarget(journal)
            let counts = journal.syncCounts
            #expect(counts.waitsForCPU >= 1)
            #expect(counts.waitsAfterBatch == 0)
            #expect(counts.records == Int(journal.lastSequence), "every record was synced once")
        }
    }

    @Test func aMachineWithCPUToSpareSyncsAtOnceAfterASharedSync() async throws {
        try await Fixtures.withDirectory { directory in
            let journal = try Self.openWatchingCPU(directory, idlePercent: 40)
            defer { journal.close() }
            try await Self.makeBusy(journal)
            let outcomes = Outcomes()
            // Were the flusher to wait, it would wait an hour: the suite's time limit shows it.
            try Self.append((1...3).map { Fixtures.entry($0) }, to: journal, into: outcomes)
            try await outcomes.wait(for: 3)
            #expect(outcomes.failed == 0)
            let counts = journal.syncCounts
            #expect(counts.waitsForCPU == 0 && counts.waitsAfterBatch == 0)
            #expect(counts.records == Int(journal.lastSequence))
            #expect(counts.syncs >= 2 && counts.syncs <= counts.records)
        }
    }

    @Test func aLoneAppendIsSyncedWithoutWaiting() async throws {
        try await Fixtures.withDirectory { directory in
            let journal = try Self.open(directory)
            defer { journal.close() }
            // Each sync carries one record, so the journal never counts as busy.
            let sequences = try await Fixtures.appendDurably(journal, (1...5).map { Fixtures.entry($0) })
            #expect(sequences == [1, 2, 3, 4, 5])
        }
    }

    @Test func aBusyJournalHoldsAShortBatchUntilItsTargetAndThenFiresEveryWaiter() async throws {
        try await Fixtures.withDirectory { directory in
            let journal = try Self.open(directory, target: 4)
            defer { journal.close() }
            let outcomes = try await Self.expectShortBatchHeldUntilItsTarget(journal)
            #expect(Set(outcomes.succeeded).count == 4)
            #expect(journal.state.withLock { $0.lastSyncRecords } == 4, "one sync carried the four")
            #expect(journal.syncCounts.waitsAfterBatch >= 1)
            #expect(journal.syncCounts.waitsForCPU == 0, "the default journal leaves the CPU out")
        }
    }

    @Test func closeEndsTheWaitAndSyncsWhatWasHeld() async throws {
        try await Fixtures.withDirectory { directory in
            let journal = try Self.open(directory, target: 100)
            try await Self.makeBusy(journal)
            let outcomes = Outcomes()
            try Self.append((1...3).map { Fixtures.entry($0) }, to: journal, into: outcomes)
            journal.close()
            try await outcomes.wait(for: 3)
            #expect(outcomes.succeeded.count == 3)
            let reopened = try Fixtures.openJournal(directory)
            defer { reopened.close() }
            #expect(reopened.pendingBatch(max: 1000).suffix(3).map(\.entry) == (1...3).map { Fixtures.entry($0) })
        }
    }

    @Test func aFailedWriteAfterTheWaitFailsEveryHeldEntry() async throws {
        try await Fixtures.withDirectory { directory in
            // Every batch starts a new segment, which cannot be made once the directory is gone.
            let journal = try Self.open(directory, target: 4, segmentBytes: 1)
            defer { journal.close() }
            try await Self.makeBusy(journal)
            let outcomes = Outcomes()
            try JournalFaultTests.moveAway(directory)
            defer { try? JournalFaultTests.moveBack(directory) }
            try Self.append((1...4).map { Fixtures.entry($0) }, to: journal, into: outcomes)
            try await outcomes.wait(for: 4)
            #expect(outcomes.succeeded.isEmpty, "no entry is acknowledged without its sync")
            #expect(outcomes.failed == 4)
        }
    }
}
