import GRDB
import PerchCore

extension SQLiteStore: IdempotencyKeyStore {
    package func idempotencyKeys(since: Int64) throws(SQLiteStoreError) -> [String] {
        try SQLiteStoreError.wrap {
            try writer.read { db in
                try String.fetchAll(db, sql: "SELECT key FROM event_ids WHERE timestamp >= ?", arguments: [since])
            }
        }
    }

    package func deleteIdempotencyKeys(before cutoff: Int64) throws(SQLiteStoreError) {
        try SQLiteStoreError.wrap {
            try writer.write { db in
                try db.execute(sql: "DELETE FROM event_ids WHERE timestamp < ?", arguments: [cutoff])
            }
        }
    }
}
