import GRDB
import PerchCore

/// Shield rules (spec §7.2) for the CLI, and the directory the server polls. Rules arrive already
/// normalised (`ShieldRuleParser`), so equal rules are equal text and the table's unique key
/// refuses duplicates; equivalent patterns (`ShieldRule.isEquivalent`) and the per-kind limits are
/// checked in the same transaction as the insert.
extension SQLiteStore: ShieldDirectory {
    /// A number that changes whenever a rule is added or removed, by any process.
    package func shieldsVersion() throws(SQLiteStoreError) -> Int64 {
        try SQLiteStoreError.wrap {
            try writer.read { db in
                try Int64.fetchOne(db, sql: "SELECT version FROM shields_version WHERE id = 1") ?? 0
            }
        }
    }

    package func allShieldRules() throws(SQLiteStoreError) -> [Int64: [ShieldRule]] {
        try SQLiteStoreError.wrap {
            try writer.read { db in
                var rules: [Int64: [ShieldRule]] = [:]
                let rows = try Row.fetchCursor(db, sql: "SELECT site_id, kind, value FROM shield_rules ORDER BY id")
                while let row = try rows.next() {
                    guard let rule = Self.shieldRule(kind: row[1], value: row[2]) else { continue }
                    rules[row[0], default: []].append(rule)
                }
                return rules
            }
        }
    }

    /// The rules of an active site, in the order they were added.
    package func shieldRules(domain: String) throws -> [ShieldRule] {
        let outcome: Result<[ShieldRule], ShieldError> = try SQLiteStoreError.wrap {
            try writer.read { db in
                guard let siteID = try Self.activeSiteID(db, domain: domain) else {
                    return .failure(.unknownSite(Site.canonicalDomain(domain)))
                }
                let rows = try Row.fetchAll(
                    db, sql: "SELECT kind, value FROM shield_rules WHERE site_id = ? ORDER BY id", arguments: [siteID])
                return .success(rows.compactMap { Self.shieldRule(kind: $0[0], value: $0[1]) })
            }
        }
        return try outcome.get()
    }

    /// Adds a rule to an active site. Throws `ShieldError.duplicateRule` when the site already has
    /// it or an equivalent one (`/test/*` and `/test/**`, as Plausible refuses them),
    /// `ShieldError.tooManyRules` past the kind's limit and `ShieldError.unknownSite`.
    package func addShieldRule(_ rule: ShieldRule, domain: String) throws {
        let now = clock.nowSeconds()
        let outcome: Result<Void, ShieldError> = try SQLiteStoreError.wrap {
            try writer.write { db in
                guard let siteID = try Self.activeSiteID(db, domain: domain) else {
                    return .failure(.unknownSite(Site.canonicalDomain(domain)))
                }
                let values = try String.fetchAll(
                    db, sql: "SELECT value FROM shield_rules WHERE site_id = ? AND kind = ? ORDER BY id",
                    arguments: [siteID, rule.kind.rawValue])
                let existing = values.map { ShieldRule(kind: rule.kind, value: $0) }
                if let same = existing.first(where: { $0 == rule }) ?? existing.first(where: rule.isEquivalent) {
                    return .failure(.duplicateRule(rule, existing: same, domain: Site.canonicalDomain(domain)))
                }
                guard existing.count < rule.kind.maxRules else { return .failure(.tooManyRules(rule.kind)) }
                try db.execute(
                    sql: "INSERT INTO shield_rules (site_id, kind, value, created_at) VALUES (?, ?, ?, ?)",
                    arguments: [siteID, rule.kind.rawValue, rule.value, now])
                return .success(())
            }
        }
        try outcome.get()
    }

    /// Removes a rule from an active site; false when the site has no such rule.
    @discardableResult
    package func removeShieldRule(_ rule: ShieldRule, domain: String) throws -> Bool {
        let outcome: Result<Bool, ShieldError> = try SQLiteStoreError.wrap {
            try writer.write { db in
                guard let siteID = try Self.activeSiteID(db, domain: domain) else {
                    return .failure(.unknownSite(Site.canonicalDomain(domain)))
                }
                try db.execute(
                    sql: "DELETE FROM shield_rules WHERE site_id = ? AND kind = ? AND value = ?",
                    arguments: [siteID, rule.kind.rawValue, rule.value])
                return .success(db.changesCount > 0)
            }
        }
        return try outcome.get()
    }

    static func activeSiteID(_ db: Database, domain: String) throws -> Int64? {
        try Int64.fetchOne(
            db, sql: "SELECT id FROM sites WHERE domain = ? AND removed_at IS NULL",
            arguments: [Site.canonicalDomain(domain)])
    }

    private static func shieldRule(kind: String, value: String) -> ShieldRule? {
        ShieldRule.Kind(rawValue: kind).map { ShieldRule(kind: $0, value: value) }
    }
}
