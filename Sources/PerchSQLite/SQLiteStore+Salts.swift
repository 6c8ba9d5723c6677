import Foundation
import GRDB
import PerchCore

extension SQLiteStore {
    package func salts() throws(SQLiteStoreError) -> [Salt] {
        try SQLiteStoreError.wrap {
            try writer.read { db in
                try Row.fetchAll(db, sql: "SELECT salt, created_at FROM salts ORDER BY created_at, id").map { row in
                    let bytes: [UInt8] = Array(row[0] as Data)
                    guard bytes.count == 16 else { throw SQLiteStoreError.corruptRow(table: "salts", column: "salt") }
                    return Salt(bytes: bytes, createdAt: row[1])
                }
            }
        }
    }

    package func insert(_ salt: Salt) throws(SQLiteStoreError) {
        try SQLiteStoreError.wrap {
            try writer.write { db in
                try db.execute(
                    sql: "INSERT INTO salts (salt, created_at) VALUES (?, ?)",
                    arguments: [Data(salt.bytes), salt.createdAt])
            }
        }
    }

    package func deleteSalts(createdBefore cutoff: Int64) throws(SQLiteStoreError) {
        try SQLiteStoreError.wrap {
            try writer.write { db in
                try db.execute(sql: "DELETE FROM salts WHERE created_at < ?", arguments: [cutoff])
            }
        }
    }
}
