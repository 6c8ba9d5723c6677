import PerchCore

/// Shield rules (spec §7.2) in ClickHouse's versioned `shield_rules` table, keyed by
/// (site, kind, value): removing a rule is a row marked `removed`, adding it again a newer row.
/// The duplicate, equivalence and limit checks read before they write, so two CLIs adding rules
/// to one site at the same instant could both pass them (one rule each, never a duplicate row).
extension ClickHouseStore: ShieldAdministration {
    /// Changes with every rule added or removed.
    package func shieldsVersion() throws(ClickHouseError) -> Int64 {
        try versionSignature(of: ["shield_rules"])
    }

    package func allShieldRules() throws(ClickHouseError) -> [Int64: [ShieldRule]] {
        var rules: [Int64: [ShieldRule]] = [:]
        for (siteID, rule) in try activeRules(where: nil) { rules[siteID, default: []].append(rule) }
        return rules
    }

    package func shieldRules(domain: String) throws -> [ShieldRule] {
        let siteID = try activeShieldSite(domain)
        return try activeRules(where: "site_id = \(siteID)").map(\.rule)
    }

    package func addShieldRule(_ rule: ShieldRule, domain: String) throws {
        let siteID = try activeShieldSite(domain)
        let existing = try activeRules(
            where: "site_id = \(siteID) AND kind = \(ClickHouseSQL.literal(rule.kind.rawValue))"
        )
        .map(\.rule)
        if let same = existing.first(where: { $0 == rule }) ?? existing.first(where: rule.isEquivalent) {
            throw ShieldError.duplicateRule(rule, existing: same, domain: Site.canonicalDomain(domain))
        }
        guard existing.count < rule.kind.maxRules else { throw ShieldError.tooManyRules(rule.kind) }
        try insert(rule, siteID: siteID, removed: false)
    }

    @discardableResult
    package func removeShieldRule(_ rule: ShieldRule, domain: String) throws -> Bool {
        let siteID = try activeShieldSite(domain)
        let condition =
            "site_id = \(siteID) AND kind = \(ClickHouseSQL.literal(rule.kind.rawValue)) "
            + "AND value = \(ClickHouseSQL.literal(rule.value))"
        guard try !activeRules(where: condition).isEmpty else { return false }
        try insert(rule, siteID: siteID, removed: true)
        return true
    }

    /// Rules not removed, in the order they were (last) added: a rule's newest version is the
    /// time of its last addition.
    private func activeRules(where condition: String?) throws(ClickHouseError) -> [(siteID: Int64, rule: ShieldRule)] {
        let filter = condition.map { " WHERE " + $0 } ?? ""
        let result = try client.queryBlocking(
            """
            SELECT site_id, kind, value FROM (
              SELECT site_id, kind, value, removed, version FROM shield_rules\(filter)
              ORDER BY site_id, kind, value, version DESC LIMIT 1 BY site_id, kind, value
            ) WHERE removed = 0 ORDER BY version
            """)
        var rules: [(siteID: Int64, rule: ShieldRule)] = []
        for row in result.rows {
            guard let kind = ShieldRule.Kind(rawValue: try row[1].string()) else { continue }
            rules.append((try row[0].int64(), ShieldRule(kind: kind, value: try row[2].string())))
        }
        return rules
    }

    private func activeShieldSite(_ domain: String) throws -> Int64 {
        guard let site = try site(domain: domain) else { throw ShieldError.unknownSite(Site.canonicalDomain(domain)) }
        return site.id
    }

    private func insert(_ rule: ShieldRule, siteID: Int64, removed: Bool) throws(ClickHouseError) {
        let key =
            "site_id = \(siteID) AND kind = \(ClickHouseSQL.literal(rule.kind.rawValue)) "
            + "AND value = \(ClickHouseSQL.literal(rule.value))"
        var writer = JSONEachRowWriter()
        writer.beginRow()
        writer.field("id", Self.stableID("shield:\(siteID):\(rule.kind.rawValue):\(rule.value)"))
        writer.field("site_id", siteID)
        writer.field("kind", rule.kind.rawValue)
        writer.field("value", rule.value)
        writer.field("created_at", clock.nowSeconds())
        writer.field("removed", removed)
        writer.field("version", try nextVersion(of: "shield_rules", key: key))
        writer.endRow()
        try client.insertBlocking(
            into: "shield_rules", columns: ["id", "site_id", "kind", "value", "created_at", "removed", "version"],
            rows: writer)
    }
}
