import Foundation
import PerchCore
import Testing

@testable import PerchJournal

@Suite struct JournalRecoveryTests {
    /// Rewrites one byte of a file, or cuts it short.
    static func damage(_ path: String, flipByteAt offset: Int? = nil, truncateBy cut: Int? = nil) throws {
        var bytes = try SegmentFile.readAll(path)
        if let offset { bytes[offset] ^= 0xFF }
        if let cut { bytes.removeLast(cut) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    @Test func reopenReturnsExactlyTheUnappliedEntries() async throws {
        try await Fixtures.withDirectory { directory in
            let entries = (1...6).map { Fixtures.entry($0) }
            let first = try Fixtures.openJournal(directory)
            _ = try await Fixtures.appendDurably(first, entries)
            first.close()

            let second = try Journal(directory: directory, logger: Fixtures.quietLogger)
            #expect(try second.open(appliedSequence: 4) == 2)
            #expect(
                second.pendingBatch(max: 10) == [
                    SequencedEntry(sequence: 5, entry: entries[4]), SequencedEntry(sequence: 6, entry: entries[5]),
                ])
            #expect(try second.append(Fixtures.entry(7)) == 7)
            second.close()
        }
    }

    @Test func sequencesContinueAfterTheStoresWhenItIsAhead() async throws {
        try await Fixtures.withDirectory { directory in
            let first = try Fixtures.openJournal(directory)
            _ = try await Fixtures.appendDurably(first, [Fixtures.entry(1)])
            first.close()
            let second = try Fixtures.openJournal(directory, applied: 50)
            defer { second.close() }
            #expect(second.pendingCount == 0)
            #expect(Fixtures.segmentFiles(directory).isEmpty)
            #expect(try second.append(Fixtures.entry(2)) == 51)
        }
    }

    enum TailDamage: CaseIterable {
        case truncated, flippedPayloadByte, flippedLengthByte, partialHeader
    }

    @Test(arguments: TailDamage.allCases)
    func damagedTailIsDroppedAndAppendsContinue(damage: TailDamage) async throws {
        try await Fixtures.withDirectory { directory in
            let entries = (1...5).map { Fixtures.entry($0) }
            let first = try Fixtures.openJournal(directory)
            _ = try await Fixtures.appendDurably(first, entries)
            first.close()
            let path = directory + "/" + Fixtures.segmentFiles(directory)[0]
            let size = try SegmentFile.readAll(path).count
            let lastRecord = size / 5 * 4
            switch damage {
            case .truncated: try Self.damage(path, truncateBy: 7)
            case .flippedPayloadByte: try Self.damage(path, flipByteAt: size - 3)
            case .flippedLengthByte: try Self.damage(path, flipByteAt: lastRecord + 1)
            case .partialHeader: try Self.damage(path, truncateBy: size - lastRecord - 5)
            }

            let second = try Fixtures.openJournal(directory)
            #expect(second.pendingBatch(max: 10).map(\.entry) == Array(entries.prefix(4)))
            #expect(try SegmentFile.readAll(path).count == lastRecord)
            let sequence = try second.append(Fixtures.entry(99))
            try await second.waitDurable(sequence)
            #expect(sequence == 5)
            second.close()

            let third = try Fixtures.openJournal(directory)
            defer { third.close() }
            #expect(third.pendingBatch(max: 10).map(\.entry) == Array(entries.prefix(4)) + [Fixtures.entry(99)])
        }
    }

    @Test func corruptionInAnOlderSegmentSkipsOnlyTheRestOfThatSegment() async throws {
        try await Fixtures.withDirectory { directory in
            // One byte per segment forces a new segment for every durable append.
            let first = try Fixtures.openJournal(directory, segmentBytes: 1)
            _ = try await Fixtures.appendDurably(first, (1...3).map { Fixtures.entry($0) })
            first.close()
            let files = Fixtures.segmentFiles(directory)
            #expect(files.count == 3)
            try Self.damage(directory + "/" + files[1], flipByteAt: 20)

            let second = try Fixtures.openJournal(directory)
            defer { second.close() }
            #expect(second.pendingBatch(max: 10).map(\.sequence) == [1, 3])
            #expect(try second.append(Fixtures.entry(4)) == 4)
        }
    }

    @Test func unrelatedFilesAndGarbageSegmentsDoNotStopRecovery() async throws {
        try await Fixtures.withDirectory { directory in
            let first = try Fixtures.openJournal(directory)
            _ = try await Fixtures.appendDurably(first, [Fixtures.entry(1)])
            first.close()
            try Data("notes".utf8).write(to: URL(fileURLWithPath: directory + "/README"))
            try Data([1, 2, 3]).write(to: URL(fileURLWithPath: directory + "/00000000000000000009.journal"))
            let second = try Fixtures.openJournal(directory)
            defer { second.close() }
            #expect(second.pendingBatch(max: 10).map(\.sequence) == [1])
            #expect(try second.append(Fixtures.entry(2)) == 2)
            #expect(FileManager.default.fileExists(atPath: directory + "/README"))
        }
    }

    @Test func markAppliedDeletesFullyAppliedSegmentsButNotTheActiveOne() async throws {
        try await Fixtures.withDirectory { directory in
            let journal = try Fixtures.openJournal(directory, segmentBytes: 1)
            _ = try await Fixtures.appendDurably(journal, (1...3).map { Fixtures.entry($0) })
            #expect(Fixtures.segmentFiles(directory).count == 3)
            journal.markApplied(through: 2)
            #expect(Fixtures.segmentFiles(directory) == ["00000000000000000003.journal"])
            #expect(journal.pendingBatch(max: 10).map(\.sequence) == [3])
            journal.markApplied(through: 3)
            #expect(Fixtures.segmentFiles(directory) == ["00000000000000000003.journal"])
            #expect(journal.pendingCount == 0)
            journal.close()

            let reopened = try Fixtures.openJournal(directory, applied: 3)
            defer { reopened.close() }
            #expect(Fixtures.segmentFiles(directory).isEmpty)
            #expect(reopened.pendingCount == 0)
        }
    }
}
