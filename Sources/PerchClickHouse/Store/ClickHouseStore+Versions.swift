import PerchCore

/// The versioned configuration tables (`sites`, `shield_rules`, `goals`, `api_keys`): a change is
/// a new row for the same key with a higher `version`, readers take the newest row per key
/// (`ORDER BY key, version DESC LIMIT 1 BY key`, which also folds a row inserted twice), and
/// nothing is ever updated in place, so any number of CLIs and nodes may write at once.
///
/// Ids are chosen so that two writers cannot take the same one for different things: a hash of
/// the natural key (a site's domain, a rule's site, kind and value, a goal's site and target), so
/// two writers adding the same thing at once make one row, or 63 random bits (API keys).
extension ClickHouseStore {
    /// The version of a new row for the key `keyCondition` selects: microseconds of the clock
    /// (so the newest change wins between writers), and always above the key's stored versions
    /// (so a writer whose clock is behind still supersedes them).
    func nextVersion(of table: String, key keyCondition: String) throws(ClickHouseError) -> UInt64 {
        let stored = try client.queryBlocking("SELECT max(version) FROM \(table) WHERE \(keyCondition)").scalar()
            .uint64()
        let now = UInt64(max(0, clock.nowMilliseconds())) * 1000 + UInt64.random(in: 0..<1000)
        return max(stored + 1, now)
    }

    /// A number that changes whenever a row is added to any of `tables` (each keyed by `id`): the
    /// wrapping sum of a hash of each key's newest version. Merges, which only drop superseded
    /// rows, leave it as it is.
    func versionSignature(of tables: [String]) throws(ClickHouseError) -> Int64 {
        let parts = tables.map { "SELECT cityHash64(id, max(version)) AS h FROM \($0) GROUP BY id" }
        let result = try client.queryBlocking("SELECT sum(h) FROM (\(parts.joined(separator: " UNION ALL ")))")
        return Int64(bitPattern: try result.scalar().uint64())
    }

    /// A positive 63-bit id from the SHA-256 of `key`: the same key gives the same id on every node.
    static func stableID(_ key: String) -> Int64 {
        let digest = SHA256.digest(Array(key.utf8))
        var value: UInt64 = 0
        for byte in digest.prefix(8) { value = value << 8 | UInt64(byte) }
        let id = Int64(bitPattern: value & UInt64(Int64.max))
        return id == 0 ? 1 : id
    }

    /// A random positive 63-bit id.
    static func randomID() -> Int64 {
        Int64.random(in: 1...Int64.max)
    }
}
