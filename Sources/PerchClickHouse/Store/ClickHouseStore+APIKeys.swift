import PerchCore
import PerchStats

/// Stats API keys in ClickHouse's versioned `api_keys` table: only the SHA-256 of a secret is
/// stored; revoking is a newer row with `revoked_at` set. Ids are 63 random bits.
extension ClickHouseStore {
    private struct KeyRow {
        var key: APIKey
        var keyHash: String
        var siteID: Int64?
        var revoked: Bool
    }

    /// Stores a new key for `secret`, limited to the active site `domain` when given.
    package func createAPIKey(
        secret: String, domain: String?, hourlyLimit: Int = APIKey.defaultHourlyLimit
    ) throws -> APIKey {
        let site = try domain.map { try activeSiteRow(domain: $0).site }
        let key = APIKey(
            id: Self.randomID(), prefix: String(secret.prefix(APIKey.prefixLength)), siteDomain: site?.domain,
            hourlyLimit: hourlyLimit, createdAt: clock.nowSeconds())
        try insert(KeyRow(key: key, keyHash: APIKey.hash(secret), siteID: site?.id, revoked: false))
        return key
    }

    /// Stores a key copied from another store (`perch store copy`) under a new id, keeping its
    /// secret's hash (so the secret keeps working), prefix, limit, site and creation time.
    package func importAPIKey(_ copied: CopiedAPIKey) throws {
        let site = try copied.key.siteDomain.map { try activeSiteRow(domain: $0).site }
        var key = copied.key
        key.id = Self.randomID()
        try insert(KeyRow(key: key, keyHash: copied.keyHash, siteID: site?.id, revoked: false))
    }

    /// Keys not revoked, oldest first.
    package func apiKeys() throws(ClickHouseError) -> [APIKey] {
        try keyRows(where: nil).filter { !$0.revoked }.map(\.key)
    }

    /// Revokes key `id`; false when no active key has that id.
    @discardableResult
    package func revokeAPIKey(id: Int64) throws(ClickHouseError) -> Bool {
        guard var row = try keyRows(where: "id = \(id)").first, !row.revoked else { return false }
        row.revoked = true
        try insert(row)
        return true
    }

    /// The active key whose secret hashes to `hash`: the Stats API's key check.
    package func activeAPIKey(hash: String) throws(ClickHouseError) -> APIKey? {
        try keyRows(where: "key_hash = \(ClickHouseSQL.literal(hash))").first { !$0.revoked }?.key
    }

    /// The newest row of every key (`condition` narrows them), oldest key first, each with its
    /// site's domain (also of a removed site).
    private func keyRows(where condition: String?) throws(ClickHouseError) -> [KeyRow] {
        let filter = condition.map { " WHERE " + $0 } ?? ""
        let result = try client.queryBlocking(
            """
            SELECT id, prefix, site_id, hourly_limit, toUnixTimestamp(created_at), isNotNull(revoked_at), key_hash
            FROM api_keys\(filter) ORDER BY id, version DESC LIMIT 1 BY id
            """)
        guard !result.rows.isEmpty else { return [] }
        var domains: [Int64: String] = [:]
        for row in try siteRows(where: nil) { domains[row.site.id] = row.site.domain }
        var rows: [KeyRow] = []
        for row in result.rows {
            let siteID = try row[2].optionalInt64()
            let key = APIKey(
                id: try row[0].int64(), prefix: try row[1].string(), siteDomain: siteID.flatMap { domains[$0] },
                hourlyLimit: Int(try row[3].int64()), createdAt: try row[4].int64())
            rows.append(
                KeyRow(key: key, keyHash: try row[6].string(), siteID: siteID, revoked: try row[5].int64() != 0))
        }
        return rows.sorted { ($0.key.createdAt, $0.key.id) < ($1.key.createdAt, $1.key.id) }
    }

    private func insert(_ row: KeyRow) throws(ClickHouseError) {
        var writer = JSONEachRowWriter()
        writer.beginRow()
        writer.field("id", row.key.id)
        writer.field("key_hash", row.keyHash)
        writer.field("prefix", row.key.prefix)
        writer.field("site_id", nullable: row.siteID)
        writer.field("hourly_limit", row.key.hourlyLimit)
        writer.field("created_at", row.key.createdAt)
        writer.field("revoked_at", nullable: row.revoked ? clock.nowSeconds() : nil)
        writer.field("version", try nextVersion(of: "api_keys", key: "id = \(row.key.id)"))
        writer.endRow()
        try client.insertBlocking(
            into: "api_keys",
            columns: ["id", "key_hash", "prefix", "site_id", "hourly_limit", "created_at", "revoked_at", "version"],
            rows: writer)
    }
}
