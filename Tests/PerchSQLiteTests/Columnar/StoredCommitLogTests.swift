import GRDB
import Testing

@testable import PerchSQLite

/// The commit log kept in the database (`StoredCommitLog`): what it tells about a range of event
/// numbers, and the rows it keeps.
@Suite struct StoredCommitLogTests {
    /// A migrated database with the commits 1…3 (earliest 500), 4…4 (50) and 5…9 (300).
    static func database(capacity: Int64 = StoredCommitLog.capacity) throws -> SQLiteDatabase {
        let database = try SQLiteDatabase.inMemory()
        try database.writer.write { db in
            try StoredCommitLog.record(db, numbers: 1...3, earliest: 500, capacity: capacity)
            try StoredCommitLog.record(db, numbers: 4...4, earliest: 50, capacity: capacity)
            try StoredCommitLog.record(db, numbers: 5...9, earliest: 300, capacity: capacity)
        }
        return database
    }

    static func change(_ database: SQLiteDatabase, after: Int64, through: Int64) throws -> OwnCommitLog.Change {
        try database.writer.read { db in try StoredCommitLog.change(db, after: after, through: through) }
    }

    @Test func theEarliestInstantOfTheCommitsInTheRange() throws {
        let database = try Self.database()
        #expect(try Self.change(database, after: 0, through: 9) == .since(50))
        #expect(try Self.change(database, after: 4, through: 9) == .since(300))
        #expect(try Self.change(database, after: 3, through: 4) == .since(50))
        #expect(try Self.change(database, after: 9, through: 9) == .none)
        // Past the last row: numbers taken by a commit the log does not know.
        #expect(try Self.change(database, after: 4, through: 10) == .unknown)
    }

    @Test func aGapInTheRowsIsUnknown() throws {
        let database = try Self.database()
        try database.writer.write { db in try db.execute(sql: "DELETE FROM stored_commits WHERE first_seq = 4") }
        #expect(try Self.change(database, after: 0, through: 9) == .unknown)
        #expect(try Self.change(database, after: 4, through: 9) == .since(300))
    }

    @Test func onlyTheLastCapacityRowsAreKept() throws {
        let database = try Self.database(capacity: 2)
        let kept = try database.writer.read { db in
            try Int64.fetchAll(db, sql: "SELECT first_seq FROM stored_commits ORDER BY id")
        }
        #expect(kept == [4, 5])
        #expect(try Self.change(database, after: 0, through: 9) == .unknown)
        #expect(try Self.change(database, after: 3, through: 9) == .since(50))
    }

    @Test func everyStoreWriteThatTakesNumbersStoresItsCommit() throws {
        let store = SQLiteStore(database: try SQLiteDatabase.inMemory())
        let day = ColumnarRows.day
        try store.write(
            ColumnarRows.batch(
                [ColumnarRows.event(at: day + 50), ColumnarRows.event(at: day + 20)],
                [
                    ColumnarRows.session(
                        1, user: 1, start: day, last: day + 40, pageviews: 2, events: 2, entry: "/", exit: "/")
                ]))
        // Sessions alone take one number; their `timestamp` is what a refresh looks from.
        try store.write(
            ColumnarRows.batch(
                [],
                [
                    ColumnarRows.session(
                        1, user: 1, start: day, last: day + 90, pageviews: 3, events: 3, entry: "/", exit: "/")
                ]))
        // Nothing to number: no row.
        try store.write(ColumnarRows.batch([], []))
        let rows = try store.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT first_seq, last_seq, earliest FROM stored_commits ORDER BY id")
                .map { [$0[0], $0[1], $0[2]] as [Int64] }
        }
        #expect(rows == [[1, 2, day + 20], [3, 3, day + 90]])
    }
}
