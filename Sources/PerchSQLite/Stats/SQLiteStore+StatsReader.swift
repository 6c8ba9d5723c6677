import GRDB
import PerchCore
import PerchStats

/// The Stats API's reads. Every read is an async GRDB read: on a `DatabasePool` it runs on a reader
/// connection of its own (WAL), off the caller's executor, and never waits for the event writer.
extension SQLiteStore: StatsReader {
    package func statsSite(domain: String) async throws -> StatsSite? {
        try await writer.read { db in
            guard let site = try Self.site(db, domain: domain) else { return nil }
            // The first key of the site's range of the (site, time)-clustered table.
            let first = try Int64.fetchOne(
                db, sql: "SELECT min(timestamp) FROM events WHERE site_id = ?", arguments: [site.id])
            return StatsSite(site: site, firstEventAt: first)
        }
    }

    package func goals(siteID: Int64) async throws -> [Goal] {
        try await writer.read { db in try Self.goals(db, siteID: siteID) }
    }

    package func apiKey(hash: String) async throws -> APIKey? {
        try await writer.read { db in
            try Row.fetchOne(
                db, sql: Self.selectKey + " WHERE k.key_hash = ? AND k.revoked_at IS NULL", arguments: [hash]
            )
            .map(Self.apiKey)
        }
    }

    package func rows(_ statement: PlannedStatement) async throws -> [[SQLValue]] {
        let regexp = SQLiteRegexp()
        return try await writer.read { db in
            db.add(function: regexp.function)
            let prepared = try db.makeStatement(sql: statement.sql)
            prepared.arguments = StatementArguments(statement.parameters.map(Self.databaseValue))
            var rows: [[SQLValue]] = []
            let cursor = try Row.fetchCursor(prepared)
            while let row = try cursor.next() {
                rows.append((0..<row.count).map { Self.sqlValue(row[$0] as DatabaseValue) })
            }
            return rows
        }
    }

    package func currentVisitors(siteID: Int64, since: Int64) async throws -> Int {
        try await writer.read { db in
            try Int.fetchOne(
                db, sql: "SELECT count(DISTINCT user_id) FROM sessions WHERE site_id = ? AND timestamp >= ?",
                arguments: [siteID, since]) ?? 0
        }
    }

    package func propertyKeys(siteID: Int64, since: Int64, limit: Int) async throws -> [String] {
        try await writer.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT j.key FROM events e, json_each(e.props) j
                    WHERE e.site_id = ? AND e.timestamp >= ? AND e.props <> '{}' ORDER BY j.key LIMIT ?
                    """,
                arguments: [siteID, since, limit])
        }
    }

    static func databaseValue(_ value: SQLValue) -> DatabaseValue {
        switch value {
        case .null: .null
        case .integer(let number): number.databaseValue
        case .real(let number): number.databaseValue
        case .text(let text): text.databaseValue
        }
    }

    static func sqlValue(_ value: DatabaseValue) -> SQLValue {
        switch value.storage {
        case .null: .null
        case .int64(let number): .integer(number)
        case .double(let number): .real(number)
        case .string(let text): .text(text)
        case .blob(let data): .text(String(decoding: data, as: UTF8.self))
        }
    }
}
