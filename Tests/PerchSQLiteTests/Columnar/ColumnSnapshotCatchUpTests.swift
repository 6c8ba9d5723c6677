import Foundation
import GRDB
import PerchCore
import Testing

@testable import PerchSQLite

/// A column snapshot older than the database (the server saved it while serving, committed more,
/// then was killed before its graceful save) is caught up at restore from the commits stored with
/// the events (`StoredCommitLog`) and answers like SQL; one the stored commits cannot lead on
/// from (another process opened the database, the rows were pruned, the snapshot is ahead of the
/// database) is not used and the site loads from SQLite.
@Suite struct ColumnSnapshotCatchUpTests {
    typealias Rows = ColumnarRows
    let day = ColumnarRows.day
    let hour: Int64 = 3_600
    let snapshotTests = ColumnSnapshotTests()

    func snapshots(_ folder: TemporaryFolder) -> String { folder.path + "/columns" }

    /// After the save: a new visit, a continued one, a late event older than the saved ones, a
    /// site-2 event, then a batch of sessions alone.
    func commitAfterTheSave(_ store: SQLiteStore) throws {
        try store.write(
            Rows.batch(
                snapshotTests.laterVisits.events + [
                    Rows.event(site: 2, at: day + 3 * hour, path: "/two", user: 7, session: 7)
                ],
                snapshotTests.laterVisits.sessions + [
                    Rows.session(
                        7, site: 2, user: 7, start: day + 3 * hour, last: day + 3 * hour, pageviews: 1, events: 1,
                        entry: "/two", exit: "/two")
                ]))
        // Sessions alone: the visit of 101 (saved) gets a later end and another exit page.
        try store.write(
            Rows.batch(
                [],
                [
                    Rows.session(
                        101, user: 101, start: day + 10 * hour, last: day + 11 * hour, pageviews: 3, events: 4,
                        entry: "/", exit: "/pricing-end", source: "Google", country: "DE")
                ]))
    }

    /// Saves site 1's columns, commits after it, and drops the store without saving again (a
    /// crash: nothing of the process is left but the database and the file).
    func crashedAfterCommitsSinceTheSave(_ folder: TemporaryFolder) async throws -> (saved: Int64, now: Int64) {
        let store = try await snapshotTests.savedStore(folder)
        let saved = try #require(store.database.columns.columns(of: 1)).sequence
        try commitAfterTheSave(store)
        return (saved, try await store.writer.read(SiteColumns.currentSequence))
    }

    func restarted(_ folder: TemporaryFolder) async throws -> (SQLiteStore, [SQLiteStore.ColumnSnapshotReport]) {
        let store = try SQLiteStore(path: snapshotTests.databasePath(folder))
        return (store, await store.restoreColumnSnapshots(from: snapshots(folder)))
    }

    @Test func aSnapshotOlderThanTheDatabaseIsCaughtUpAndAnswersLikeSQL() async throws {
        let folder = TemporaryFolder()
        let (saved, now) = try await crashedAfterCommitsSinceTheSave(folder)

        let (store, reports) = try await restarted(folder)
        #expect(reports.count == 1 && reports.first?.rejection == nil, "\(reports)")
        #expect(reports.first?.sequence == saved)
        #expect(reports.first?.caughtUp == now - saved)
        let columns = try #require(store.database.columns.columns(of: 1))
        #expect(columns.sequence == now)
        // The late event and the new visits are in; site 2's event is not.
        #expect(columns.events.count == 7 + 3)
        try await ColumnarQueries.expectSameAnswers(store, step: "caught up after a crash")
        #expect(store.database.columns.loads.startedLoads(of: 1) == 0)

        // The caught-up columns follow the new process's commits like loaded ones.
        try store.write(
            Rows.batch(
                [Rows.event(at: day + 2 * 86_400 + 9 * hour + 30, path: "/docs/more", user: 4, session: 4)],
                [
                    Rows.session(
                        4, user: 4, start: day + 2 * 86_400 + 9 * hour, last: day + 2 * 86_400 + 9 * hour + 30,
                        pageviews: 2, events: 2, entry: "/docs", exit: "/docs/more", source: "Bing", country: "US")
                ]))
        try await ColumnarQueries.expectSameAnswers(store, step: "own writes after the catch-up")
        #expect(store.database.columns.loads.startedLoads(of: 1) == 0)
    }

    @Test func aSnapshotAtTheDatabasesNumberIsUsedAsItIs() async throws {
        let folder = TemporaryFolder()
        let store = try await snapshotTests.savedStore(folder)
        let saved = try #require(store.database.columns.columns(of: 1)).sequence
        let (restarted, reports) = try await restarted(folder)
        #expect(reports.first?.rejection == nil && reports.first?.caughtUp == 0, "\(reports)")
        #expect(try #require(restarted.database.columns.columns(of: 1)).sequence == saved)
    }

    @Test func notUsedOnceAnotherProcessOpenedTheDatabaseAfterTheCommits() async throws {
        let folder = TemporaryFolder()
        _ = try await crashedAfterCommitsSinceTheSave(folder)
        // A command opens the database before the server starts again (and writes nothing).
        _ = try SQLiteStore(path: snapshotTests.databasePath(folder))
        try await snapshotTests.expectNotUsed(folder, reason: "opened by another process")
    }

    @Test func notUsedWhenTheStoredCommitsSinceItWerePruned() async throws {
        let folder = TemporaryFolder()
        let (saved, _) = try await crashedAfterCommitsSinceTheSave(folder)
        // As the capacity prunes them: the oldest rows first, here through the first one needed.
        let pool = try DatabasePool(path: snapshotTests.databasePath(folder))
        try await pool.write { db in
            let needed = try #require(
                try Int64.fetchOne(db, sql: "SELECT min(id) FROM stored_commits WHERE last_seq > ?", arguments: [saved])
            )
            try db.execute(sql: "DELETE FROM stored_commits WHERE id <= ?", arguments: [needed])
        }
        try pool.close()
        try await snapshotTests.expectNotUsed(folder, reason: "not all in the log")
    }

    @Test func notUsedWhenAheadOfTheDatabase() async throws {
        let folder = TemporaryFolder()
        let store = try await snapshotTests.savedStore(folder)
        // The file claims commits the database does not have (as a database put back from a
        // copy taken after this process opened it would).
        var columns = try #require(store.database.columns.columns(of: 1))
        columns.advance(to: columns.sequence + 3)
        let epoch = try await store.writer.read { db in try DatabaseOpening.storedEpoch(db) }
        try ColumnSnapshot.write(
            columns, epoch: epoch, schema: store.database.opening.schema,
            to: ColumnSnapshot.path(of: 1, in: snapshots(folder)))
        try await snapshotTests.expectNotUsed(folder, reason: "the database is at")
    }

    @Test func aSaveWhileServingWritesOnlyTheSitesChangedSinceTheirLastSave() async throws {
        let folder = TemporaryFolder()
        let store = try Rows.seeded(folder)
        for site in Int64(1)...2 { try await store.loadColumns(siteID: site, from: ColumnarQueries.loadFrom) }
        let first = await store.saveColumnSnapshots(in: snapshots(folder))
        #expect(first.map(\.siteID) == [1, 2] && first.allSatisfy { $0.rejection == nil })
        let saved = Dictionary(uniqueKeysWithValues: first.map { ($0.siteID, $0.sequence) })

        #expect(await store.saveColumnSnapshots(in: snapshots(folder), unchangedSince: saved).isEmpty)
        try store.write(Rows.batch([Rows.event(site: 2, at: day + 4 * hour, path: "/only-two", user: 8, session: 8)]))
        let second = await store.saveColumnSnapshots(in: snapshots(folder), unchangedSince: saved)
        #expect(second.map(\.siteID) == [2] && second.first?.rejection == nil, "\(second)")
        #expect(second.first.map { $0.sequence > saved[2]! } == true)

        // Site 1's older file is caught up over the commit that changed site 2 only.
        let (restarted, reports) = try await restarted(folder)
        #expect(reports.map(\.siteID) == [1, 2] && reports.allSatisfy { $0.rejection == nil }, "\(reports)")
        #expect(reports.map(\.caughtUp) == [1, 0])
        try await ColumnarQueries.expectSameAnswers(restarted, step: "site 1 caught up")
        try await ColumnarQueries.expectSameAnswers(restarted, domain: "other.example", step: "site 2 as saved")
        #expect(restarted.database.columns.loads.startedLoads(of: 1) == 0)
        #expect(restarted.database.columns.loads.startedLoads(of: 2) == 0)
    }
}
