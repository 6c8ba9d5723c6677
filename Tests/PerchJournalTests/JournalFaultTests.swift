import Foundation
import PerchCore
import Synchronization
import Testing

@testable import PerchJournal

/// A journal whose disk fails. Here the failure is made by moving the journal's directory away
/// while it runs: with `segmentBytes: 1` every batch starts a new segment, which then cannot be
/// created. (The end-to-end tests fill a real disk and turn one read-only.)
@Suite struct JournalFaultTests {
    static func open(
        _ directory: String, durability: JournalDurability = .fsync, retryAfterFailure: Duration = .zero
    ) throws -> Journal {
        let journal = try Journal(
            directory: directory, durability: durability, segmentBytes: 1, retryAfterFailure: retryAfterFailure,
            logger: Fixtures.quietLogger)
        try journal.open(appliedSequence: 0)
        return journal
    }

    static func moveAway(_ directory: String) throws {
        try FileManager.default.moveItem(atPath: directory, toPath: directory + ".away")
    }

    static func moveBack(_ directory: String) throws {
        try FileManager.default.moveItem(atPath: directory + ".away", toPath: directory)
    }

    @Test func aFailedWriteFailsItsEntriesAndTheNextWriteRecovers() async throws {
        try await Fixtures.withDirectory { directory in
            let journal = try Self.open(directory)
            defer { journal.close() }
            let observer = RecordingJournalObserver()
            journal.observe(observer)
            _ = try await Fixtures.appendDurably(journal, [Fixtures.entry(1)])

            try Self.moveAway(directory)
            let lost = try journal.append(Fixtures.entry(2))
            await #expect(throws: JournalError.self) { try await journal.waitDurable(lost) }
            #expect(journal.isFailing)
            try Self.moveBack(directory)

            _ = try await Fixtures.appendDurably(journal, [Fixtures.entry(3)])
            #expect(!journal.isFailing)
            // Asked late, after later entries became durable, the lost one is still not durable.
            await #expect(throws: JournalError.self) { try await journal.waitDurable(lost) }
            let kept = [Fixtures.entry(1), Fixtures.entry(3)]
            #expect(journal.pendingBatch(max: 10).map(\.entry) == kept)
            let cost = Journal.entryCost(payloadBytes: JournalCodec.encode(Fixtures.entry(1)).count)
            #expect(journal.pendingBytes == 2 * cost)
            #expect(observer.events == [.failed, .recovered])
            journal.close()

            let reopened = try Fixtures.openJournal(directory)
            defer { reopened.close() }
            #expect(reopened.pendingBatch(max: 10).map(\.entry) == kept)
        }
    }

    @Test func appendsAreRefusedForAWhileAfterAFailedWrite() async throws {
        try await Fixtures.withDirectory { directory in
            let journal = try Self.open(directory, retryAfterFailure: .seconds(3600))
            defer { journal.close() }
            try Self.moveAway(directory)
            defer { try? Self.moveBack(directory) }
            let lost = try journal.append(Fixtures.entry(1))
            await #expect(throws: JournalError.self) { try await journal.waitDurable(lost) }
            #expect(throws: JournalError.self) { try journal.append(Fixtures.entry(2)) }
            #expect(throws: JournalError.self) { try journal.reserve(entries: 2, bytesEach: 100) }
            #expect(journal.lastSequence == 1, "a refused append takes no sequence")
            #expect(journal.pendingBytes == 0)
        }
    }

    @Test func aReservationMadeBeforeAFailedWriteIsNotUsableAfterIt() async throws {
        try await Fixtures.withDirectory { directory in
            let journal = try Self.open(directory)
            defer { journal.close() }
            let reservation = try journal.reserve(entries: 2, bytesEach: 100)
            try Self.moveAway(directory)
            let first = try journal.append(Fixtures.entry(1), reservation: reservation)
            await #expect(throws: JournalError.self) { try await journal.waitDurable(first) }
            try Self.moveBack(directory)
            // The request's first entry is lost: its second must not be journaled without it.
            #expect(throws: JournalError.self) { try journal.append(Fixtures.entry(2), reservation: reservation) }
            journal.release(reservation)
            _ = try await Fixtures.appendDurably(journal, [Fixtures.entry(3)])
        }
    }

    @Test func bufferModeKeepsAcknowledgedEntriesForTheStoreWhenAWriteFails() async throws {
        try await Fixtures.withDirectory { directory in
            let journal = try Self.open(directory, durability: .buffer)
            defer { journal.close() }
            try Self.moveAway(directory)
            defer { try? Self.moveBack(directory) }
            // Buffer mode has answered 202 already: the entry must still reach the store.
            try journal.append(Fixtures.entry(1))
            let deadline = ContinuousClock.now + .seconds(10)
            while !journal.isFailing && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
            #expect(journal.isFailing)
            #expect(journal.pendingBatch(max: 10).map(\.entry) == [Fixtures.entry(1)])
        }
    }

    @Test func lostRangesMergeAndAnswerMembership() {
        var faults = JournalFaults()
        let starts = [(3...5, 100), (6...6, 200), (9...10, 300)].map { lost, until in
            faults.recordFailure(.failed("disk full"), lost: lost, refuseUntil: UInt64(until))
        }
        #expect(starts == [true, false, false], "one fault: only its first failure starts it")
        #expect(faults.lost == [3...6, 9...10])
        #expect([2, 3, 6, 7, 8, 9, 10, 11].map(faults.isLost) == [false, true, true, false, false, true, true, false])
        #expect(faults.refusal(now: 299) == .failed("disk full"))
        #expect(faults.refusal(now: 300) == nil)
        let ended = faults.recordSuccess()
        #expect(ended == 3)
        let again = faults.recordSuccess()
        #expect(again == nil)
        #expect(faults.refusal(now: 0) == nil)
        #expect(faults.isLost(4), "a lost entry stays lost after the fault ends")
        #expect(faults.epoch == 3)
    }
}

/// What a journal told its observer, in order.
final class RecordingJournalObserver: JournalObserver {
    enum Event: Equatable {
        case failed
        case recovered
    }

    private let recorded = Mutex<[Event]>([])

    var events: [Event] { recorded.withLock { $0 } }

    func journalWriteDidFail(_ error: JournalError) {
        recorded.withLock { $0.append(.failed) }
    }

    func journalWriteDidRecover() {
        recorded.withLock { $0.append(.recovered) }
    }
}
