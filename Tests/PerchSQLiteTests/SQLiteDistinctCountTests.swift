import GRDB
import Testing

@testable import PerchSQLite

@Suite struct SQLiteDistinctCountTests {
    @Test func countsLikeCountDistinctPerGroupIgnoringNulls() throws {
        let database = try SQLiteDatabase.inMemory()
        try database.writer.write { db in
            try db.execute(sql: "CREATE TABLE t (g INTEGER, v INTEGER)")
            var state: UInt64 = 7
            for row in 0..<20_000 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                // Few distinct values per group, negatives, zero, Int64 extremes and NULLs included.
                let value: Int64? =
                    switch row % 11 {
                    case 0: nil
                    case 1: 0
                    case 2: .min
                    case 3: .max
                    default: Int64(bitPattern: state >> UInt64(row % 50))
                    }
                try db.execute(sql: "INSERT INTO t (g, v) VALUES (?, ?)", arguments: [row % 7, value])
            }
        }
        let pairs = try database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT count(DISTINCT v) AS a, perch_uniq(v) AS b FROM t GROUP BY g")
        }
        #expect(pairs.count == 7)
        for pair in pairs { #expect(pair["a"] as Int == pair["b"] as Int) }
        let total = try database.writer.read { db in
            try Row.fetchOne(db, sql: "SELECT count(DISTINCT v) AS a, perch_uniq(v) AS b FROM t")!
        }
        #expect(total["a"] as Int == total["b"] as Int)
        #expect(total["b"] as Int > 10_000)
    }

    @Test func anEmptyOrAllNullGroupCountsZero() throws {
        let database = try SQLiteDatabase.inMemory()
        let counts = try database.writer.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT perch_uniq(x) FROM (SELECT 1 AS x) WHERE x > 1"),
                try Int.fetchOne(db, sql: "SELECT perch_uniq(NULL) FROM (SELECT 1 UNION ALL SELECT 2)")
            )
        }
        #expect(counts.0 == 0)
        #expect(counts.1 == 0)
    }

    @Test func textIsAnErrorNotAWrongCount() throws {
        let database = try SQLiteDatabase.inMemory()
        #expect(throws: DatabaseError.self) {
            try database.writer.read { db in try Int.fetchOne(db, sql: "SELECT perch_uniq('a')") }
        }
    }

    @Test func growingKeepsEveryValue() {
        let set = DistinctIntegers(expected: 1)
        for value in 0..<100_000 { set.insert(Int64(value)) }
        for value in 0..<100_000 { set.insert(Int64(value)) }
        #expect(set.count == 100_000)
    }
}
