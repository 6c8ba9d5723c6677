import Foundation
import GRDB
import Testing

@testable import PerchSQLite

@Suite struct SQLiteGroupedAggregateTests {
    /// Rows with text (quotes, backslashes, control characters, non-ASCII), integer, real and
    /// NULL keys and values.
    static func database() throws -> SQLiteDatabase {
        let database = try SQLiteDatabase.inMemory()
        let texts = ["/", "/a\"b", "/c\\d", "/tab\there", "/ünï", "", "/\u{1}"]
        try database.writer.write { db in
            try db.execute(sql: "CREATE TABLE t (k1 ANY, k2 ANY, v ANY, r ANY, u ANY)")
            var state: UInt64 = 11
            for row in 0..<5_000 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let pick = Int(state >> 33)
                let k1: DatabaseValue =
                    switch pick % 4 {
                    case 0: texts[pick % texts.count].databaseValue
                    case 1: Int64(pick % 5).databaseValue
                    case 2: (Double(pick % 3) + 0.5).databaseValue
                    default: .null
                    }
                let value: DatabaseValue = row % 9 == 0 ? .null : Int64(pick % 1000 - 300).databaseValue
                let real: DatabaseValue = row % 5 == 0 ? (Double(pick % 77) / 8).databaseValue : value
                let distinct: DatabaseValue = row % 13 == 0 ? .null : Int64(pick % 700).databaseValue
                try db.execute(
                    sql: "INSERT INTO t VALUES (?, ?, ?, ?, ?)",
                    arguments: [k1, texts[(pick >> 3) % 3], value, real, distinct])
            }
        }
        return database
    }

    @Test func agreesWithGroupBy() throws {
        let database = try Self.database()
        let (expected, actual) = try database.writer.read { db in
            let plain = try Row.fetchAll(
                db,
                sql: """
                    SELECT k1, k2, count(*) AS c, sum(v) AS s, avg(r) AS a, sum(r) AS sr, count(DISTINCT u) AS d
                    FROM t GROUP BY k1, k2
                    """)
            let hashed = try Row.fetchAll(
                db,
                sql: """
                    SELECT json_extract(j.value, '$[0]') AS k1, json_extract(j.value, '$[1]') AS k2,
                        json_extract(j.value, '$[2]') AS c, json_extract(j.value, '$[3]') AS s,
                        json_extract(j.value, '$[4]') AS a, json_extract(j.value, '$[5]') AS sr,
                        json_extract(j.value, '$[6]') AS d
                    FROM json_each((SELECT perch_group('2:csasu', k1, k2, 1, v, r, r, u) FROM t)) j
                    """)
            return (plain, hashed)
        }
        func describe(_ row: Row) -> String {
            row.databaseValues.map { value in
                if case .double(let number) = value.storage { return String(format: "%.9f", number) }
                return "\(value)"
            }.joined(separator: "|")
        }
        #expect(expected.count > 20)
        #expect(Set(expected.map(describe)) == Set(actual.map(describe)))
        #expect(expected.count == actual.count)
    }

    @Test func noRowsIsAnEmptyArray() throws {
        let database = try Self.database()
        let text = try database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT perch_group('1:c', k1, 1) FROM t WHERE 0")
        }
        #expect(text == "[]")
    }

    @Test(arguments: [
        "SELECT perch_group('1:s', k1, v) FROM (SELECT 1 AS k1, 9223372036854775807 AS v UNION ALL SELECT 1, 1)",
        "SELECT perch_group('1:u', k1, 'text') FROM (SELECT 1 AS k1)",
        "SELECT perch_group('1:x', k1, 1) FROM (SELECT 1 AS k1)",
        "SELECT perch_group('2:c', k1, 1) FROM (SELECT 1 AS k1)",
    ])
    func refusesWhatItCannotCountExactly(sql: String) throws {
        let database = try SQLiteDatabase.inMemory()
        #expect(throws: DatabaseError.self) { try database.writer.read { db in try String.fetchOne(db, sql: sql) } }
    }
}
