import Foundation
import PerchCore
import Testing

@testable import PerchSQLite

/// A snapshot a start used is re-stamped with that start's epoch (`ColumnSnapshot.restamp`), so a
/// crash before the next save still leaves a file the following start can catch up and use.
@Suite struct ColumnSnapshotRestampTests {
    typealias Rows = ColumnarRows
    let day = ColumnarRows.day
    let hour: Int64 = 3_600
    let catchUp = ColumnSnapshotCatchUpTests()
    let snapshotTests = ColumnSnapshotTests()

    @Test func aSnapshotUsedAtStartIsUsableAfterACrashBeforeTheNextSave() async throws {
        let folder = TemporaryFolder()
        let (saved, _) = try await catchUp.crashedAfterCommitsSinceTheSave(folder)

        // A start that uses the file, commits, and is killed before it saves anything.
        let (first, firstReports) = try await catchUp.restarted(folder)
        #expect(firstReports.count == 1 && firstReports.first?.rejection == nil, "\(firstReports)")
        #expect(firstReports.first?.restampFailure == nil)
        try first.write(
            Rows.batch(
                [Rows.event(at: day + 2 * 86_400 + 9 * hour, path: "/after-restart", user: 5, session: 5)],
                [
                    Rows.session(
                        5, user: 5, start: day + 2 * 86_400 + 9 * hour, last: day + 2 * 86_400 + 9 * hour,
                        pageviews: 1, events: 1, entry: "/after-restart", exit: "/after-restart")
                ]))
        let now = try await first.writer.read(SiteColumns.currentSequence)

        let (second, reports) = try await catchUp.restarted(folder)
        #expect(reports.count == 1 && reports.first?.rejection == nil, "\(reports)")
        #expect(reports.first?.sequence == saved)
        #expect(reports.first?.caughtUp == now - saved)
        #expect(try #require(second.database.columns.columns(of: 1)).sequence == now)
        try await ColumnarQueries.expectSameAnswers(second, step: "second start after two crashes")
        #expect(second.database.columns.loads.startedLoads(of: 1) == 0)
    }

    @Test func aReStampedFileReadsBackWithTheNewEpochAndTheSameColumns() async throws {
        let folder = TemporaryFolder()
        _ = try await snapshotTests.savedStore(folder)
        let path = ColumnSnapshot.path(of: 1, in: catchUp.snapshots(folder))
        let (columns, stamp) = try ColumnSnapshot.read(path)

        try ColumnSnapshot.restamp(path, from: stamp, to: 42)
        let (again, restamped) = try ColumnSnapshot.read(path)
        #expect(restamped == ColumnSnapshot.Stamp(epoch: 42, sequence: stamp.sequence, schema: stamp.schema))
        snapshotTests.expectEqual(again, columns)
    }

    @Test func aFileThatIsNotTheOneReadIsNotReStamped() async throws {
        let folder = TemporaryFolder()
        _ = try await snapshotTests.savedStore(folder)
        let path = ColumnSnapshot.path(of: 1, in: catchUp.snapshots(folder))
        let (_, stamp) = try ColumnSnapshot.read(path)
        let original = try Data(contentsOf: URL(fileURLWithPath: path))

        var otherEpoch = stamp
        otherEpoch.epoch &+= 1
        #expect(throws: ColumnSnapshot.Rejection.self) { try ColumnSnapshot.restamp(path, from: otherEpoch, to: 42) }
        var otherSequence = stamp
        otherSequence.sequence += 1
        #expect(throws: ColumnSnapshot.Rejection.self) {
            try ColumnSnapshot.restamp(path, from: otherSequence, to: 42)
        }
        // A byte changed in the columns: the checksum no longer matches.
        var damaged = original
        damaged[damaged.count / 2] ^= 0xFF
        try damaged.write(to: URL(fileURLWithPath: path))
        #expect(throws: ColumnSnapshot.Rejection.checksumMismatch) {
            try ColumnSnapshot.restamp(path, from: stamp, to: 42)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == damaged)
    }
}
