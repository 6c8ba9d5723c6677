import GRDB
import PerchCore
import PerchStats

/// Stats API keys (`perch keys create|list|revoke`): only the SHA-256 of a secret is stored.
extension SQLiteStore {
    static let selectKey = """
        SELECT k.id, k.prefix, s.domain, k.hourly_limit, k.created_at FROM api_keys k
        LEFT JOIN sites s ON s.id = k.site_id
        """

    /// Stores a new key for `secret`, limited to the active site `domain` when given.
    package func createAPIKey(
        secret: String, domain: String?, hourlyLimit: Int = APIKey.defaultHourlyLimit
    ) throws(SQLiteStoreError) -> APIKey {
        let siteID = try domain.map { domain throws(SQLiteStoreError) in try activeSiteID(domain) }
        let prefix = String(secret.prefix(APIKey.prefixLength))
        let now = clock.nowSeconds()
        return try SQLiteStoreError.wrap {
            try writer.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO api_keys (key_hash, prefix, site_id, hourly_limit, created_at)
                        VALUES (?, ?, ?, ?, ?)
                        """,
                    arguments: [APIKey.hash(secret), prefix, siteID, hourlyLimit, now])
                return APIKey(
                    id: db.lastInsertedRowID, prefix: prefix, siteDomain: domain.map(Site.canonicalDomain),
                    hourlyLimit: hourlyLimit, createdAt: now)
            }
        }
    }

    /// Keys not revoked, oldest first.
    package func apiKeys() throws(SQLiteStoreError) -> [APIKey] {
        try SQLiteStoreError.wrap {
            try writer.read { db in
                try Row.fetchAll(db, sql: Self.selectKey + " WHERE k.revoked_at IS NULL ORDER BY k.id").map(Self.apiKey)
            }
        }
    }

    /// Revokes key `id`; false when no active key has that id.
    @discardableResult
    package func revokeAPIKey(id: Int64) throws(SQLiteStoreError) -> Bool {
        let now = clock.nowSeconds()
        return try SQLiteStoreError.wrap {
            try writer.write { db in
                try db.execute(
                    sql: "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", arguments: [now, id])
                return db.changesCount > 0
            }
        }
    }

    static func apiKey(_ row: Row) -> APIKey {
        APIKey(id: row[0], prefix: row[1], siteDomain: row[2], hourlyLimit: row[3], createdAt: row[4])
    }
}
