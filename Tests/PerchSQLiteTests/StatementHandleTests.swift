import GRDB
import GRDBSQLite
import Testing

@testable import PerchSQLite

/// `StatementHandle` binds text as pointers into its own buffer for the step only: what the
/// statement is left bound to afterwards is read back with `sqlite3_expanded_sql`, which renders
/// every bound value (a pointer left bound would show the buffer's stale bytes).
@Suite struct StatementHandleTests {
    private static func table() throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (a TEXT NOT NULL, b INTEGER, c TEXT NOT NULL, UNIQUE (a, c))")
        }
        return queue
    }

    private static func boundSQL(_ statement: Statement) -> String? {
        guard let text = sqlite3_expanded_sql(statement.sqliteStatement) else { return nil }
        defer { sqlite3_free(text) }
        return String(cString: text)
    }

    @Test func textIsUnboundOnceTheRowIsWritten() throws {
        let queue = try Self.table()
        try queue.write { db in
            let statement = try db.makeStatement(sql: "INSERT INTO t (a, b, c) VALUES (?, ?, ?)")
            var insert = StatementHandle(statement, in: db)
            for (a, b, c) in [("first", 1, "second"), ("", 2, "a longer text, with ünïcode")] {
                insert.bind(a)
                insert.bind(Int64(b))
                insert.bind(c)
                try insert.execute()
                #expect(Self.boundSQL(statement) == "INSERT INTO t (a, b, c) VALUES (NULL, \(b), NULL)")
            }
        }
        let rows = try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT a, b, c FROM t ORDER BY b").map { [$0[0] as String, $0[2] as String] }
        }
        #expect(rows == [["first", "second"], ["", "a longer text, with ünïcode"]])
    }

    /// A failed step (here a unique constraint) unbinds its text too, reports SQLite's message,
    /// and leaves the statement ready for the next row.
    @Test func aFailedStepUnbindsItsTextAndTheNextRowIsWritten() throws {
        let queue = try Self.table()
        try queue.write { db in
            let statement = try db.makeStatement(sql: "INSERT INTO t (a, b, c) VALUES (?, ?, ?)")
            var insert = StatementHandle(statement, in: db)
            for b in [1, 2] {
                insert.bind("same")
                insert.bind(Int64(b))
                insert.bind("same")
                if b == 1 {
                    try insert.execute()
                    continue
                }
                let error = #expect(throws: DatabaseError.self) { try insert.execute() }
                #expect(error?.resultCode == .SQLITE_CONSTRAINT)
                #expect(error?.message?.contains("UNIQUE") == true)
            }
            #expect(Self.boundSQL(statement) == "INSERT INTO t (a, b, c) VALUES (NULL, 2, NULL)")
            insert.bind("other")
            insert.bind(Int64(3))
            insert.bind("same")
            try insert.execute()
        }
        let count = try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM t") }
        #expect(count == 2)
    }
}
