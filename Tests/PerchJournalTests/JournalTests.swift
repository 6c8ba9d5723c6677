import Foundation
import PerchCore
import Synchronization
import Testing

@testable import PerchJournal

@Suite struct JournalTests {
    @Test func fsyncModeReportsDurableAfterTheRecordIsOnDisk() async throws {
        try await Fixtures.withDirectory { directory in
            let journal = try Fixtures.openJournal(directory)
            defer { journal.close() }
            let entries = (1...3).map { Fixtures.entry($0) }
            let sequences = try await Fixtures.appendDurably(journal, entries)
            #expect(sequences == [1, 2, 3])
            // Durable means written: the segment on disk already holds all three records.
            let files = Fixtures.segmentFiles(directory)
            #expect(files == ["00000000000000000001.journal"])
            let bytes = try SegmentFile.readAll(directory + "/" + files[0])
            let scan = bytes.withUnsafeBytes { JournalFrame.scan($0, after: 0) }
            #expect(scan.records.map(\.sequence) == [1, 2, 3])
            #expect(scan.damage == nil)
            #expect(journal.pendingBatch(max: 10).map(\.entry) == entries)
        }
    }

    @Test func bufferModeCallsBackAtOnceAndStillWrites() async throws {
        try await Fixtures.withDirectory { directory in
            let journal = try Fixtures.openJournal(directory, durability: .buffer)
            let called = Mutex(false)
            let sequence = try journal.append(Fixtures.entry(1))
            journal.whenDurable(sequence) { result in
                if case .success = result { called.withLock { $0 = true } }
            }
            #expect(called.withLock { $0 })
            journal.close()
            #expect(journal.pendingBatch(max: 10).map(\.sequence) == [1])
            let reopened = try Fixtures.openJournal(directory)
            defer { reopened.close() }
            #expect(reopened.pendingBatch(max: 10).map(\.entry) == [Fixtures.entry(1)])
        }
    }

    @Test(arguments: JournalDurability.allCases)
    func concurrentAppendersGetUniqueGapFreeSequences(durability: JournalDurability) async throws {
        try await Fixtures.withDirectory { directory in
            let journal = try Fixtures.openJournal(directory, durability: durability)
            defer { journal.close() }
            let sequences = try await withThrowingTaskGroup(of: [UInt64].self) { group in
                for task in 0..<8 {
                    group.addTask {
                        var mine: [UInt64] = []
                        for index in 0..<150 {
                            let sequence = try journal.append(Fixtures.entry(task * 1000 + index))
                            try await journal.waitDurable(sequence)
                            mine.append(sequence)
                        }
                        return mine
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(sequences.sorted() == Array(1...1200))
            journal.close()
            #expect(journal.pendingCount == 1200)
            #expect(journal.pendingBatch(max: 2000).map(\.sequence) == Array(1...1200))
        }
    }

    @Test func concurrentThreadsAllGetCallbacks() async throws {
        try await Fixtures.withDirectory { directory in
            let journal = try Fixtures.openJournal(directory)
            defer { journal.close() }
            let done = DispatchGroup()
            let results = Mutex<[UInt64]>([])
            DispatchQueue.concurrentPerform(iterations: 4) { thread in
                for index in 0..<100 {
                    done.enter()
                    guard let sequence = try? journal.append(Fixtures.entry(thread * 1000 + index)) else {
                        done.leave()
                        continue
                    }
                    journal.whenDurable(sequence) { result in
                        if case .success = result { results.withLock { $0.append(sequence) } }
                        done.leave()
                    }
                }
            }
            await withCheckedContinuation { continuation in
                done.notify(queue: .global()) { continuation.resume() }
            }
            #expect(results.withLock { $0.sorted() } == Array(1...400))
        }
    }

    @Test func fullWhenTooManyEntriesWaitForTheStore() async throws {
        try await Fixtures.withDirectory { directory in
            let journal = try Fixtures.openJournal(directory, maxPending: 3)
            defer { journal.close() }
            _ = try await Fixtures.appendDurably(journal, (1...3).map { Fixtures.entry($0) })
            #expect(throws: JournalError.full) { try journal.append(Fixtures.entry(4)) }
            journal.markApplied(through: 1)
            #expect(try journal.append(Fixtures.entry(4)) == 4)
            #expect(throws: JournalError.full) { try journal.append(Fixtures.entry(5)) }
        }
    }

    @Test func fullWhenTheWaitingEntriesReachTheByteBound() async throws {
        try await Fixtures.withDirectory { directory in
            let cost = Journal.entryCost(payloadBytes: JournalCodec.encode(Fixtures.entry(1)).count)
            let journal = try Fixtures.openJournal(directory, maxPendingBytes: cost * 3 + cost / 2)
            defer { journal.close() }
            _ = try await Fixtures.appendDurably(journal, (1...3).map { Fixtures.entry($0) })
            #expect(journal.pendingBytes == cost * 3)
            #expect(throws: JournalError.full) { try journal.append(Fixtures.entry(4)) }
            journal.markApplied(through: 2)
            #expect(journal.pendingBytes == cost)
            _ = try await Fixtures.appendDurably(journal, [Fixtures.entry(4), Fixtures.entry(5)])
            #expect(throws: JournalError.full) { try journal.append(Fixtures.entry(6)) }
        }
    }

    @Test func aReservationGetsRoomForAllOrNone() async throws {
        try await Fixtures.withDirectory { directory in
            let journal = try Fixtures.openJournal(directory, maxPending: 5)
            defer { journal.close() }
            _ = try await Fixtures.appendDurably(journal, (1...2).map { Fixtures.entry($0) })
            // Room for 3 more: a request of 4 gets none of it and nothing is journaled.
            #expect(throws: JournalError.full) { try journal.reserve(entries: 4, bytesEach: 100) }
            #expect(journal.lastSequence == 2)
            let reservation = try journal.reserve(entries: 3, bytesEach: 100)
            // While held, the room is not anybody else's.
            #expect(throws: JournalError.full) { try journal.append(Fixtures.entry(99)) }
            for index in 3...4 { try journal.append(Fixtures.entry(index), reservation: reservation) }
            journal.release(reservation)
            #expect(try journal.append(Fixtures.entry(5)) == 5)
            #expect(throws: JournalError.full) { try journal.append(Fixtures.entry(6)) }
        }
    }

    @Test func recoveryCountsTheBytesOfWhatIsStillPending() async throws {
        try await Fixtures.withDirectory { directory in
            let cost = Journal.entryCost(payloadBytes: JournalCodec.encode(Fixtures.entry(1)).count)
            do {
                let journal = try Fixtures.openJournal(directory)
                _ = try await Fixtures.appendDurably(journal, (1...4).map { Fixtures.entry($0) })
                journal.close()
            }
            let reopened = try Fixtures.openJournal(directory, applied: 1)
            defer { reopened.close() }
            #expect(reopened.pendingBytes == cost * 3)
        }
    }

    @Test func closedJournalRefusesAppendsAndCloseIsIdempotent() async throws {
        try await Fixtures.withDirectory { directory in
            let notOpen = try Journal(directory: directory, logger: Fixtures.quietLogger)
            #expect(throws: JournalError.closed) { try notOpen.append(Fixtures.entry(1)) }
            notOpen.close()
            notOpen.close()

            let journal = try Fixtures.openJournal(directory)
            let sequence = try journal.append(Fixtures.entry(1))
            journal.close()
            journal.close()
            #expect(throws: JournalError.closed) { try journal.append(Fixtures.entry(2)) }
            // Close wrote and synced what was staged.
            try await journal.waitDurable(sequence)
            #expect(journal.pendingCount == 1)
        }
    }

    @Test func batchReadyFiresOnceEnoughEntriesArePending() async throws {
        try await Fixtures.withDirectory { directory in
            let journal = try Fixtures.openJournal(directory)
            defer { journal.close() }
            let (signals, continuation) = AsyncStream.makeStream(of: Int.self)
            journal.onBatchReady(threshold: 3) { continuation.yield(journal.pendingCount) }
            _ = try await Fixtures.appendDurably(journal, (1...3).map { Fixtures.entry($0) })
            var iterator = signals.makeAsyncIterator()
            #expect(await iterator.next() == 3)
        }
    }
}
