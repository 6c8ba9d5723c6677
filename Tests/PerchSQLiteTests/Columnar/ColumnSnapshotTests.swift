import Foundation
import PerchCore
import Testing

@testable import PerchSQLite

/// Column snapshots (`ColumnSnapshot`): written columns read back equal, a restarted store
/// answers from them like SQL before and after new writes, and a damaged, foreign-version or
/// stale file is never used (the site then loads from SQLite as before). A snapshot older than
/// the database: `ColumnSnapshotCatchUpTests`.
@Suite struct ColumnSnapshotTests {
    typealias Rows = ColumnarRows
    let day = ColumnarRows.day
    let hour: Int64 = 3_600

    /// A new visit (4), one continued (102) and a late goal event older than the others (6): what
    /// a store takes in after its columns were saved, in the restore and the catch-up tests.
    var laterVisits: (events: [EventRecord], sessions: [SessionRecord]) {
        (
            [
                Rows.event(at: day + 2 * 86_400 + 9 * hour, path: "/docs", user: 4, session: 4),
                Rows.event(at: day + 13 * hour + 200, path: "/about", user: 102, session: 102),
                Rows.event(at: day + 5 * hour, name: "Signup", path: "/files", user: 6, session: 6),
            ],
            [
                Rows.session(
                    4, user: 4, start: day + 2 * 86_400 + 9 * hour, last: day + 2 * 86_400 + 9 * hour,
                    pageviews: 1, events: 1, entry: "/docs", exit: "/docs", source: "Bing", country: "US"),
                Rows.session(
                    102, user: 102, start: day + 13 * hour, last: day + 13 * hour + 200, pageviews: 2, events: 2,
                    entry: "/", exit: "/about", country: "FR"),
                Rows.session(
                    6, user: 6, start: day + 5 * hour, last: day + 5 * hour, pageviews: 0, events: 1,
                    entry: "/files", exit: "/files", country: "JP"),
            ]
        )
    }

    func databasePath(_ folder: TemporaryFolder) -> String { folder.path + "/perch.sqlite3" }
    func snapshots(_ folder: TemporaryFolder) -> String { folder.path + "/columns" }

    /// The seeded store with site 1's columns loaded and saved; returns the store.
    func savedStore(_ folder: TemporaryFolder) async throws -> SQLiteStore {
        let store = try Rows.seeded(folder)
        try await store.loadColumns(siteID: 1, from: ColumnarQueries.loadFrom)
        let reports = await store.saveColumnSnapshots(in: snapshots(folder))
        #expect(reports.map(\.siteID) == [1])
        #expect(reports.allSatisfy { $0.rejection == nil && $0.bytes > 0 })
        return store
    }

    /// Every array of `a` and `b` equal (the numbering included; not `byteSize`, which counts
    /// the arrays' capacities).
    func expectEqual(_ a: SiteColumns, _ b: SiteColumns, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(a.siteID == b.siteID && a.from == b.from && a.sequence == b.sequence, sourceLocation: sourceLocation)
        #expect(a.dictionary.texts == b.dictionary.texts, sourceLocation: sourceLocation)
        #expect(a.numbers.visitors.count == b.numbers.visitors.count, sourceLocation: sourceLocation)
        #expect(a.numbers.sessions.count == b.numbers.sessions.count, sourceLocation: sourceLocation)
        #expect(a.numbers.visits.codes == b.numbers.visits.codes, sourceLocation: sourceLocation)
        let (x, y) = (a.events, b.events)
        #expect(x.timestamps == y.timestamps && x.sequences == y.sequences, sourceLocation: sourceLocation)
        #expect(x.users == y.users && x.sessions == y.sessions, sourceLocation: sourceLocation)
        #expect(x.texts == y.texts && x.visits == y.visits, sourceLocation: sourceLocation)
        let (s, t) = (a.sessions, b.sessions)
        #expect(s.ids == t.ids && s.starts == t.starts && s.timestamps == t.timestamps, sourceLocation: sourceLocation)
        #expect(s.users == t.users && s.eventSessions == t.eventSessions, sourceLocation: sourceLocation)
        #expect(s.bounces == t.bounces && s.durations == t.durations, sourceLocation: sourceLocation)
        #expect(s.pageviews == t.pageviews && s.texts == t.texts, sourceLocation: sourceLocation)
    }

    @Test func aSnapshotReadsBackAsTheColumnsItWasWrittenFrom() async throws {
        let folder = TemporaryFolder()
        let store = try await savedStore(folder)
        let held = try #require(store.database.columns.columns(of: 1))
        let (read, stamp) = try ColumnSnapshot.read(ColumnSnapshot.path(of: 1, in: snapshots(folder)))
        expectEqual(read, held)
        #expect(read.events.count == 7)
        #expect(stamp.epoch == store.database.opening.epoch)
        #expect(stamp.sequence == held.sequence)
        #expect(stamp.schema == store.database.opening.schema)
        // The numbering still finds what it held: a lookup by text gives the held code.
        #expect(read.dictionary.existingCode(of: "/pricing") == held.dictionary.existingCode(of: "/pricing"))
    }

    @Test func aRestartedStoreAnswersFromTheSnapshotLikeSQL() async throws {
        let folder = TemporaryFolder()
        let first = try await savedStore(folder)
        let loaded = try #require(first.database.columns.columns(of: 1))

        let store = try SQLiteStore(path: databasePath(folder))
        let reports = await store.restoreColumnSnapshots(from: snapshots(folder))
        #expect(reports.count == 1 && reports.first?.rejection == nil)
        expectEqual(try #require(store.database.columns.columns(of: 1)), loaded)
        try await ColumnarQueries.expectSameAnswers(store, step: "restored")
        // Answered from the restored columns: no load from SQLite ran.
        #expect(store.database.columns.loads.startedLoads(of: 1) == 0)
        #expect(store.database.columns.answeredRequests > 0)

        // Own writes after the restart: a new session, a continued one, a late event, sessions alone.
        try store.write(
            Rows.batch(laterVisits.events, laterVisits.sessions))
        try await ColumnarQueries.expectSameAnswers(store, step: "own writes after the restore")
        try store.write(
            Rows.batch(
                [],
                [
                    Rows.session(
                        4, user: 4, start: day + 2 * 86_400 + 9 * hour, last: day + 2 * 86_400 + 10 * hour,
                        pageviews: 2, events: 3, entry: "/docs", exit: "/docs/end", source: "Bing", country: "US")
                ]))
        try await ColumnarQueries.expectSameAnswers(store, step: "sessions alone after the restore")

        // Another process's writes: read again from SQLite, as for loaded columns.
        try first.write(
            Rows.batch(
                [Rows.event(at: day + 11 * hour, path: "/foreign-late", user: 101, session: 101)],
                [
                    Rows.session(
                        101, user: 101, start: day + 10 * hour, last: day + 11 * hour, pageviews: 3, events: 4,
                        entry: "/", exit: "/foreign-late", source: "Google", country: "DE")
                ]))
        try await ColumnarQueries.expectSameAnswers(store, step: "another process's writes after the restore")
        #expect(store.database.columns.loads.startedLoads(of: 1) == 0)
    }

    @Test func anotherProcessThatOpenedTheDatabaseBeforeTheSaveDoesNotStopTheSnapshot() async throws {
        let folder = TemporaryFolder()
        let server = try Rows.seeded(folder)
        try await server.loadColumns(siteID: 1, from: ColumnarQueries.loadFrom)
        // A CLI command while the server runs: it opens the database (replacing the epoch) and
        // writes events, which the columns take in when they are saved.
        let command = try SQLiteStore(path: databasePath(folder))
        try command.write(
            Rows.batch(
                [Rows.event(at: day + 11 * hour, path: "/while-serving", user: 104, session: 104)],
                [
                    Rows.session(
                        104, user: 104, start: day + 11 * hour, last: day + 11 * hour, pageviews: 1, events: 1,
                        entry: "/while-serving", exit: "/while-serving", country: "DE")
                ]))
        let reports = await server.saveColumnSnapshots(in: snapshots(folder))
        #expect(reports.count == 1 && reports.first?.rejection == nil)

        let restarted = try SQLiteStore(path: databasePath(folder))
        let restored = await restarted.restoreColumnSnapshots(from: snapshots(folder))
        #expect(restored.count == 1 && restored.first?.rejection == nil, "\(restored)")
        try await ColumnarQueries.expectSameAnswers(restarted, step: "restored after a command's write")
        #expect(restarted.database.columns.loads.startedLoads(of: 1) == 0)
    }

    @Test func aSnapshotIsNotUsedOnceAnotherProcessOpenedTheDatabase() async throws {
        let folder = TemporaryFolder()
        _ = try await savedStore(folder)
        // Another process opens the database (and writes nothing): it might have.
        _ = try SQLiteStore(path: databasePath(folder))
        try await expectNotUsed(folder, reason: "stale")
    }

    @Test func damagedOrForeignVersionFilesAreNotUsed() async throws {
        let folder = TemporaryFolder()
        _ = try await savedStore(folder)
        let path = ColumnSnapshot.path(of: 1, in: snapshots(folder))
        let valid = try Data(contentsOf: URL(fileURLWithPath: path))

        func rejection(of bytes: Data) -> ColumnSnapshot.Rejection? {
            bytes.withUnsafeBytes { raw -> ColumnSnapshot.Rejection? in
                do throws(ColumnSnapshot.Rejection) {
                    _ = try ColumnSnapshot.read(raw)
                    return nil
                } catch {
                    return error
                }
            }
        }
        #expect(rejection(of: valid) == nil)
        #expect(rejection(of: valid.prefix(valid.count - 40)) == .checksumMismatch)
        #expect(rejection(of: valid.prefix(20)) == .foreignFormat)
        #expect(rejection(of: Data()) == .foreignFormat)
        #expect(rejection(of: Data("not a snapshot, just text long enough".utf8)) == .foreignFormat)
        var flipped = valid
        flipped[valid.count / 2] ^= 0x40
        #expect(rejection(of: flipped) == .checksumMismatch)
        var older = valid
        older[8] = 0
        #expect(rejection(of: older) == .otherVersion(0))
        // A cut payload with a matching length and checksum: its arrays run past the end.
        let cut = rejection(of: Self.resealed(valid, payloadBytes: (valid.count - 32) / 2))
        if case .malformed = cut {} else { Issue.record("a cut but resealed payload: \(String(describing: cut))") }

        // Through the store: the damaged file is ignored and removed, and the site loads from SQLite.
        try flipped.write(to: URL(fileURLWithPath: path))
        try await expectNotUsed(folder, reason: "checksum")
    }

    /// The header, the first `payloadBytes` of the payload, and a trailer that matches them.
    static func resealed(_ snapshot: Data, payloadBytes: Int) -> Data {
        var bytes = Data(snapshot.prefix(16 + payloadBytes))
        var checksum = SnapshotChecksum()
        bytes.dropFirst(16).withUnsafeBytes { checksum.add($0) }
        withUnsafeBytes(of: UInt64(payloadBytes).littleEndian) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: checksum.final.littleEndian) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// A store opened now ignores site 1's snapshot (for `reason`), removes it, loads the site
    /// from SQLite and answers like SQL.
    func expectNotUsed(
        _ folder: TemporaryFolder, reason: String, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let store = try SQLiteStore(path: databasePath(folder))
        let reports = await store.restoreColumnSnapshots(from: snapshots(folder))
        #expect(reports.count == 1, sourceLocation: sourceLocation)
        #expect(reports.first?.rejection?.contains(reason) == true, "\(reports)", sourceLocation: sourceLocation)
        #expect(store.database.columns.columns(of: 1) == nil, sourceLocation: sourceLocation)
        #expect(
            !FileManager.default.fileExists(atPath: ColumnSnapshot.path(of: 1, in: snapshots(folder))),
            sourceLocation: sourceLocation)
        try await ColumnarQueries.expectSameAnswers(store, step: "after an unused snapshot")
        #expect(store.database.columns.loads.startedLoads(of: 1) >= 1, sourceLocation: sourceLocation)
    }
}
