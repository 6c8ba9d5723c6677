import PerchCore
import PerchStats

@testable import PerchSQLite

/// The store as a Stats API reader that never offers precomputed groups, so every query is
/// answered by SQL alone: the reference the column cache's answers must equal.
struct SQLOnlyReader: StatsReader {
    let store: SQLiteStore

    func statsSite(domain: String) async throws -> StatsSite? { try await store.statsSite(domain: domain) }
    func goals(siteID: Int64) async throws -> [Goal] { try await store.goals(siteID: siteID) }
    func apiKey(hash: String) async throws -> APIKey? { try await store.apiKey(hash: hash) }
    func rows(_ statement: PlannedStatement) async throws -> [[SQLValue]] { try await store.rows(statement) }

    func currentVisitors(siteID: Int64, since: Int64) async throws -> Int {
        try await store.currentVisitors(siteID: siteID, since: since)
    }

    func precomputedGroups(_ request: PrecomputeRequest) async throws -> PrecomputedGroups? { nil }

    func propertyKeys(siteID: Int64, since: Int64, limit: Int) async throws -> [String] {
        try await store.propertyKeys(siteID: siteID, since: since, limit: limit)
    }
}
