import GRDB
import PerchCore
import PerchStats

/// `perch store copy` reads a SQLite store through this: rows in key order (events by
/// (site_id, timestamp, seq), sessions by (site_id, start, session_id)), so each batch is a range
/// scan of the clustered tables, on a reader connection.
extension SQLiteStore: StoreCopySource {
    package func copyEvents(
        siteID: Int64, after cursor: CopyCursor, limit: Int
    ) throws(SQLiteStoreError) -> [SequencedEventRecord] {
        var rows: [SequencedEventRecord] = []
        try forEachRow(
            sql: "SELECT \(SQLiteRows.eventColumns.joined(separator: ", ")), seq FROM events"
                + " WHERE site_id = ? AND (timestamp, seq) > (?, ?) ORDER BY timestamp, seq LIMIT ?",
            arguments: [siteID, cursor.timestamp, cursor.tieBreak, Int64(limit)]
        ) { row throws(SQLiteStoreError) in
            let sequence = row.int64(Int32(SQLiteRows.eventColumns.count))
            rows.append(SequencedEventRecord(sequence: sequence, event: try SQLiteRows.event(row)))
        }
        return rows
    }

    package func copySessions(
        siteID: Int64, after cursor: CopyCursor, limit: Int
    ) throws(SQLiteStoreError) -> [SessionRecord] {
        var rows: [SessionRecord] = []
        try forEachRow(
            sql: SQLiteRows.selectSessions
                + " WHERE site_id = ? AND (start, session_id) > (?, ?) ORDER BY start, session_id LIMIT ?",
            arguments: [siteID, cursor.timestamp, cursor.tieBreak, Int64(limit)]
        ) { row throws(SQLiteStoreError) in
            rows.append(try SQLiteRows.session(row))
        }
        return rows
    }

    package func copyRowCounts() throws(SQLiteStoreError) -> [Int64: StoreRowCounts] {
        try SQLiteStoreError.wrap {
            try writer.read { db in
                var counts: [Int64: StoreRowCounts] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT site_id, count(*) FROM events GROUP BY site_id") {
                    counts[row[0], default: StoreRowCounts()].events = row[1]
                }
                for row in try Row.fetchAll(db, sql: "SELECT site_id, count(*) FROM sessions GROUP BY site_id") {
                    counts[row[0], default: StoreRowCounts()].sessions = row[1]
                }
                return counts
            }
        }
    }

    package func copyAPIKeys() throws(SQLiteStoreError) -> [CopiedAPIKey] {
        try SQLiteStoreError.wrap {
            try writer.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT k.id, k.prefix, s.domain, k.hourly_limit, k.created_at, k.key_hash FROM api_keys k
                        LEFT JOIN sites s ON s.id = k.site_id WHERE k.revoked_at IS NULL ORDER BY k.id
                        """
                ).map { CopiedAPIKey(key: Self.apiKey($0), keyHash: $0[5]) }
            }
        }
    }

    /// Runs a query with integer parameters on a reader and calls `body` for each row.
    private func forEachRow(
        sql: String, arguments: [Int64], _ body: (StatementHandle) throws(SQLiteStoreError) -> Void
    ) throws(SQLiteStoreError) {
        try SQLiteStoreError.wrap {
            try writer.read { db in
                var statement = StatementHandle(try db.makeStatement(sql: sql), in: db)
                for argument in arguments { statement.bind(argument) }
                while try statement.step() { try body(statement) }
            }
        }
    }
}
