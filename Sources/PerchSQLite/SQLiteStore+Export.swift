import GRDB
import PerchCore

/// Streaming readers for `perch events export` and `perch sessions export`. Each export reads
/// one consistent snapshot on a reader connection (WAL), so it neither blocks a running server's
/// writes nor sees a half-written batch, and it never holds all rows in memory.
extension SQLiteStore {
    /// Calls `body` with each event of the site, oldest first (ties in insertion order).
    /// Errors thrown by `body` end the export and are rethrown unchanged.
    package func exportEvents(siteID: Int64, _ body: (EventRecord) throws -> Void) throws {
        try export(sql: SQLiteRows.selectEvents + " WHERE site_id = ? ORDER BY timestamp, seq", siteID: siteID) {
            try body(try SQLiteRows.event($0))
        }
    }

    /// Calls `body` with each session of the site, by start time (ties by session id).
    package func exportSessions(siteID: Int64, _ body: (SessionRecord) throws -> Void) throws {
        try export(sql: SQLiteRows.selectSessions + " WHERE site_id = ? ORDER BY start, session_id", siteID: siteID) {
            try body(try SQLiteRows.session($0))
        }
    }

    private func export(sql: String, siteID: Int64, _ body: (StatementHandle) throws -> Void) throws {
        var bodyError: (any Error)?
        try forEachRow(sql: sql, argument: siteID) { row throws(SQLiteStoreError) in
            do {
                try body(row)
                return true
            } catch let error as SQLiteStoreError {
                throw error
            } catch {
                bodyError = error
                return false
            }
        }
        if let bodyError { throw bodyError }
    }

    /// Runs a query with one integer parameter on a reader and calls `body` for each row until it
    /// returns false.
    func forEachRow(
        sql: String, argument: Int64, _ body: (StatementHandle) throws(SQLiteStoreError) -> Bool
    ) throws(SQLiteStoreError) {
        try SQLiteStoreError.wrap {
            try writer.read { db in
                var statement = StatementHandle(try db.makeStatement(sql: sql), in: db)
                statement.bind(argument)
                while try statement.step(), try body(statement) {}
            }
        }
    }
}

extension SQLiteStore {
    /// The site's events as export text: `emit` receives the CSV header (if any), then one
    /// terminated line per event. An empty site yields just the header (CSV) or nothing (NDJSON).
    package func exportEvents(siteID: Int64, format: ExportFormat, _ emit: (String) throws -> Void) throws {
        let preamble = format.eventPreamble
        if !preamble.isEmpty { try emit(preamble) }
        try exportEvents(siteID: siteID) { try emit(format.line($0)) }
    }

    /// The site's sessions as export text, like `exportEvents(siteID:format:_:)`.
    package func exportSessions(siteID: Int64, format: ExportFormat, _ emit: (String) throws -> Void) throws {
        let preamble = format.sessionPreamble
        if !preamble.isEmpty { try emit(preamble) }
        try exportSessions(siteID: siteID) { try emit(format.line($0)) }
    }
}
