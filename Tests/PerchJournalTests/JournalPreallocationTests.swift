import Foundation
import PerchCore
import Testing

@testable import PerchJournal

/// Segments grow by zeros ahead of their records (`SegmentFile.extensionBytes`); the zeros are
/// room, not damage, and a segment the journal is done with is cut back to its records.
@Suite struct JournalPreallocationTests {
    static func fileSize(_ path: String) throws -> Int {
        try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? -1
    }

    static func appendZeros(_ count: Int, to path: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(count: count))
    }

    /// A journal with four durable entries, closed: the entries and its one segment's path.
    static func fourEntriesClosed(in directory: String) async throws -> ([JournalEntry], String) {
        let entries = (1...4).map { Fixtures.entry($0) }
        let journal = try Fixtures.openJournal(directory)
        _ = try await Fixtures.appendDurably(journal, entries)
        journal.close()
        return (entries, directory + "/" + Fixtures.segmentFiles(directory)[0])
    }

    @Test func scanEndsCleanlyAtZerosButNotAtZerosFollowedByData() {
        var bytes: [UInt8] = []
        JournalFrame.append(sequence: 1, payload: [1, 2, 3], to: &bytes)
        JournalFrame.append(sequence: 2, payload: [4, 5], to: &bytes)
        let records = bytes.count
        let padded = bytes + [UInt8](repeating: 0, count: 4096 + 3)
        let clean = padded.withUnsafeBytes { JournalFrame.scan($0, after: 0) }
        #expect(clean.records.map(\.sequence) == [1, 2])
        #expect(clean.validLength == records)
        #expect(clean.damage == nil)

        var stray = padded
        stray[records + 100] = 7
        let damaged = stray.withUnsafeBytes { JournalFrame.scan($0, after: 0) }
        #expect(damaged.records.map(\.sequence) == [1, 2])
        #expect(damaged.validLength == records)
        #expect(damaged.damage != nil)
    }

    @Test func anOpenSegmentHoldsZerosAfterItsRecordsAndIsCutBackAtClose() async throws {
        try await Fixtures.withDirectory { directory in
            let journal = try Fixtures.openJournal(directory)
            _ = try await Fixtures.appendDurably(journal, (1...3).map { Fixtures.entry($0) })
            let path = directory + "/" + Fixtures.segmentFiles(directory)[0]
            #expect(try Self.fileSize(path) == SegmentFile.extensionBytes)
            let open = try SegmentFile.readAll(path)
            let scan = open.withUnsafeBytes { JournalFrame.scan($0, after: 0) }
            #expect(scan.records.map(\.sequence) == [1, 2, 3])
            #expect(scan.damage == nil)
            journal.close()
            #expect(try Self.fileSize(path) == scan.validLength)
        }
    }

    @Test func aSegmentGrowsByMoreZerosWhenItsRecordsReachTheEnd() async throws {
        try await Fixtures.withDirectory { directory in
            let journal = try Fixtures.openJournal(directory)
            defer { journal.close() }
            // Each entry carries a long path, so a few hundred fill more than one extension.
            let long = String(repeating: "p", count: 8_000)
            let entries = (1...200).map { index in
                var entry = Fixtures.entry(index)
                entry.event.pathname = "/" + long + "\(index)"
                return entry
            }
            _ = try await Fixtures.appendDurably(journal, entries)
            let path = directory + "/" + Fixtures.segmentFiles(directory)[0]
            let bytes = try SegmentFile.readAll(path)
            let scan = bytes.withUnsafeBytes { JournalFrame.scan($0, after: 0) }
            #expect(scan.records.count == 200)
            #expect(scan.validLength > SegmentFile.extensionBytes)
            #expect(bytes.count % SegmentFile.extensionBytes == 0)
            #expect(bytes.count > scan.validLength)
        }
    }

    @Test func recoveryKeepsEveryRecordBeforeZerosLeftByACrash() async throws {
        try await Fixtures.withDirectory { directory in
            let (entries, path) = try await Self.fourEntriesClosed(in: directory)
            // What a kill leaves: the records, then the zeros the flusher wrote ahead of them.
            try Self.appendZeros(SegmentFile.extensionBytes / 2, to: path)
            let size = try Self.fileSize(path)

            let second = try Fixtures.openJournal(directory)
            #expect(second.pendingBatch(max: 10).map(\.entry) == entries)
            #expect(try Self.fileSize(path) == size)
            let sequence = try second.append(Fixtures.entry(5))
            try await second.waitDurable(sequence)
            second.close()

            let third = try Fixtures.openJournal(directory)
            defer { third.close() }
            #expect(third.pendingBatch(max: 10).map(\.entry) == entries + [Fixtures.entry(5)])
        }
    }

    @Test func aTornRecordBeforeTheZerosIsDroppedAndCutOff() async throws {
        try await Fixtures.withDirectory { directory in
            let (entries, path) = try await Self.fourEntriesClosed(in: directory)
            var bytes = try SegmentFile.readAll(path)
            let lastRecord = bytes.withUnsafeBytes { JournalFrame.scan($0, after: 0) }.records[3]
            bytes[lastRecord.payload.upperBound - 2] ^= 0xFF
            bytes += [UInt8](repeating: 0, count: 5_000)
            try Data(bytes).write(to: URL(fileURLWithPath: path))

            let second = try Fixtures.openJournal(directory)
            defer { second.close() }
            #expect(second.pendingBatch(max: 10).map(\.entry) == Array(entries.prefix(3)))
            #expect(try Self.fileSize(path) == lastRecord.payload.lowerBound - JournalFrame.headerBytes)
        }
    }
}
