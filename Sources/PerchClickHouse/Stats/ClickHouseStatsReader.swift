import PerchCore
import PerchStats

/// The Stats API's reads from ClickHouse, for statements `ClickHouseDialect` planned. Sites, goals
/// and keys come from the versioned configuration tables, newest row per id (`ClickHouseStore`).
///
/// Built from a client (whose configuration names the database); the client's creator shuts it
/// down. Every value in a statement is already a literal (`ClickHouseDialect.placeholder`); the
/// reader's own lookups quote theirs with `ClickHouseSQL`.
package struct ClickHouseStatsReader: StatsReader {
    package let client: ClickHouseClient

    package init(client: ClickHouseClient) {
        self.client = client
    }

    /// The dialect of the statements `rows` runs.
    package var dialect: ClickHouseDialect { ClickHouseDialect() }

    /// Sites, goals and keys are read as the rest of the store reads them (`ClickHouseStore`):
    /// the newest row per id, whole.
    private var configuration: ClickHouseStore { ClickHouseStore(client: client) }

    package func statsSite(domain: String) async throws -> StatsSite? {
        let canonical = Site.canonicalDomain(domain)
        let store = configuration
        let found = try await BlockingWork.run {
            try store.siteRows(where: "domain = \(ClickHouseSQL.literal(canonical))").first { !$0.removed }?.site
        }
        guard let site = found else { return nil }
        let first = try await client.query(
            "SELECT toInt64(min(timestamp)), count() FROM events WHERE site_id = \(site.id)")
        let stored = try first.rows.first.map { row throws(ClickHouseError) in (try row[0].int64(), try row[1].int64())
        }
        return StatsSite(site: site, firstEventAt: stored.flatMap { $0.1 > 0 ? $0.0 : nil })
    }

    package func goals(siteID: Int64) async throws -> [Goal] {
        let store = configuration
        return try await BlockingWork.run { try store.activeGoals(siteID: siteID) }
    }

    package func apiKey(hash: String) async throws -> APIKey? {
        let store = configuration
        return try await BlockingWork.run { try store.activeAPIKey(hash: hash) }
    }

    /// The statement with `join_use_nulls`, so a LEFT JOIN's missing side reads as NULL (as in SQL)
    /// rather than as zeros and empty strings, and without `use_index_for_in_with_subqueries`:
    /// with it 18.16 builds an `IN (subquery)` set while analysing, once per SELECT around it (a
    /// set of session or visitor ids, never a prefix of a table's key, so it would prune nothing).
    package func rows(_ statement: PlannedStatement) async throws -> [[SQLValue]] {
        let result = try await client.query(
            statement.sql + " SETTINGS join_use_nulls = 1, use_index_for_in_with_subqueries = 0")
        let kinds = result.columns.map { ValueKind(type: $0.type) }
        return try result.rows.map { row throws(ClickHouseError) in
            try zip(row, kinds).map { value, kind throws(ClickHouseError) in try kind.sqlValue(value) }
        }
    }

    package func currentVisitors(siteID: Int64, since: Int64) async throws -> Int {
        let result = try await client.query(
            "SELECT uniqExact(user_id) FROM sessions WHERE site_id = \(siteID) AND timestamp >= \(since)")
        return Int(try result.scalar().int64())
    }

    package func propertyKeys(siteID: Int64, since: Int64, limit: Int) async throws -> [String] {
        let result = try await client.query(
            """
            SELECT DISTINCT arrayJoin(`meta.key`) AS k FROM events
            WHERE site_id = \(siteID) AND timestamp >= \(since) ORDER BY k LIMIT \(max(limit, 0))
            """)
        return try result.rows.map { row throws(ClickHouseError) in try row[0].string() }
    }
}

/// How a result column's values become `SQLValue`s, by the column's ClickHouse type: numbers come
/// as text, and a float that happens to be whole must stay a real, as SQLite returns it.
private enum ValueKind {
    case integer, real, text

    init(type: String) {
        var base = Substring(type)
        if base.hasPrefix("Nullable(") { base = base.dropFirst("Nullable(".count).dropLast() }
        if base.hasPrefix("Int") || base.hasPrefix("UInt") {
            self = .integer
        } else if base.hasPrefix("Float") || base.hasPrefix("Decimal") {
            self = .real
        } else {
            self = .text
        }
    }

    func sqlValue(_ value: ClickHouseValue) throws(ClickHouseError) -> SQLValue {
        switch (self, value) {
        case (_, .null): return .null
        case (_, .bool(let flag)): return .integer(flag ? 1 : 0)
        case (.text, .string(let text)), (.text, .number(let text)): return .text(text)
        case (.integer, .number(let text)), (.integer, .string(let text)):
            if let number = Int64(text) { return .integer(number) }
            // UInt64 above Int64.max: its bit pattern, as the SQLite store keeps such ids.
            if let number = UInt64(text) { return .integer(Int64(bitPattern: number)) }
        case (.real, .number(let text)), (.real, .string(let text)):
            if let number = Double(text) { return .real(number) }
        default: break
        }
        throw .unexpectedResponse("an unexpected \(self) value in a Stats result: \(value)")
    }
}
