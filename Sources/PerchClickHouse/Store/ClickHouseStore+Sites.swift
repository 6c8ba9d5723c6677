import Foundation
import PerchCore

/// Sites in ClickHouse's versioned `sites` table: the directory every node polls, and the CLI's
/// administration. A site's id is a hash of its canonical domain, so two nodes or CLIs adding the
/// same domain at once make one site, and a removed site added again gets its id and data back.
extension ClickHouseStore: SiteAdministration {
    /// The newest row of a site, removed or not.
    struct SiteRow {
        var site: Site
        var createdAt: Int64
        var removed: Bool
    }

    private static let siteSelect = """
        SELECT id, domain, timezone, rate_limit_per_minute, burst, debug_drops, toUnixTimestamp(created_at),
          isNotNull(removed_at) FROM sites
        """

    /// The active sites with their revenue goals (spec §4.6), by domain.
    package func allSites() throws(ClickHouseError) -> [Site] {
        let rows = try siteRows(where: nil)
        var revenueGoals: [Int64: [String: String]] = [:]
        for goal in try goalRows(where: nil) where !goal.removed {
            guard case .event(let name) = goal.goal.kind, let currency = goal.goal.currency else { continue }
            revenueGoals[goal.siteID, default: [:]][name] = currency
        }
        return rows.filter { !$0.removed }.map { row in
            var site = row.site
            site.revenueGoals = revenueGoals[site.id] ?? [:]
            return site
        }.sorted { $0.domain < $1.domain }
    }

    /// Every read is an HTTP request: never on an event loop (see `SiteRefresher.watchMisses`).
    package var readsLocally: Bool { false }

    /// Changes with every new row of `sites` or `goals` (revenue goals are part of a site).
    package func sitesVersion() throws(ClickHouseError) -> Int64 {
        try versionSignature(of: ["sites", "goals"])
    }

    package func site(domain: String) throws(ClickHouseError) -> Site? {
        let canonical = Site.canonicalDomain(domain)
        guard let row = try siteRow(id: Self.siteID(canonical)), !row.removed, row.site.domain == canonical else {
            return nil
        }
        return row.site
    }

    @discardableResult
    package func addSite(domain: String, timezone: String = "UTC", rateLimit: RateLimit = .default) throws -> Site {
        let canonical = try Self.validDomain(domain)
        try Self.validate(timezone: timezone)
        try Self.validate(rateLimit)
        let id = Self.siteID(canonical)
        if let existing = try siteRow(id: id) {
            guard existing.site.domain == canonical else {
                throw SiteAdministrationError.idCollision(domain: canonical, existing: existing.site.domain)
            }
            guard existing.removed else { throw SiteAdministrationError.siteExists(domain: canonical) }
        }
        let site = Site(id: id, domain: canonical, timezone: timezone, rateLimit: rateLimit)
        try insert(SiteRow(site: site, createdAt: clock.nowSeconds(), removed: false))
        return site
    }

    @discardableResult
    package func updateSite(domain: String, timezone: String? = nil, rateLimit: RateLimit? = nil) throws -> Site {
        if let timezone { try Self.validate(timezone: timezone) }
        if let rateLimit { try Self.validate(rateLimit) }
        var row = try activeSiteRow(domain: domain)
        if let timezone { row.site.timezone = timezone }
        if let rateLimit { row.site.rateLimit = rateLimit }
        try insert(row)
        return row.site
    }

    package func setDebugDrops(domain: String, enabled: Bool) throws {
        var row = try activeSiteRow(domain: domain)
        row.site.debugDrops = enabled
        try insert(row)
    }

    @discardableResult
    package func removeSite(domain: String) throws(ClickHouseError) -> Bool {
        let canonical = Site.canonicalDomain(domain)
        guard var row = try siteRow(id: Self.siteID(canonical)), !row.removed, row.site.domain == canonical else {
            return false
        }
        row.removed = true
        try insert(row)
        return true
    }

    /// The id of the site with this canonical domain, on every node alike.
    package static func siteID(_ canonicalDomain: String) -> Int64 {
        stableID("site:" + canonicalDomain)
    }

    /// The newest row of every site (`condition` narrows by id), removed ones included.
    func siteRows(where condition: String?) throws(ClickHouseError) -> [SiteRow] {
        let filter = condition.map { " WHERE " + $0 } ?? ""
        let result = try client.queryBlocking(Self.siteSelect + filter + " ORDER BY id, version DESC LIMIT 1 BY id")
        var rows: [SiteRow] = []
        for row in result.rows {
            let perMinute = try row[3].optionalInt64()
            let site = Site(
                id: try row[0].int64(), domain: try row[1].string(), timezone: try row[2].string(),
                rateLimit: RateLimit(eventsPerMinute: perMinute.map { Int($0) }, burst: Int(try row[4].int64())),
                debugDrops: try row[5].int64() != 0)
            rows.append(SiteRow(site: site, createdAt: try row[6].int64(), removed: try row[7].int64() != 0))
        }
        return rows
    }

    func siteRow(id: Int64) throws(ClickHouseError) -> SiteRow? {
        try siteRows(where: "id = \(id)").first
    }

    /// The active site of `domain`, or `SiteAdministrationError.unknownSite`.
    func activeSiteRow(domain: String) throws -> SiteRow {
        let canonical = Site.canonicalDomain(domain)
        guard let row = try siteRow(id: Self.siteID(canonical)), !row.removed, row.site.domain == canonical else {
            throw SiteAdministrationError.unknownSite(domain: canonical)
        }
        return row
    }

    private func insert(_ row: SiteRow) throws(ClickHouseError) {
        let version = try nextVersion(of: "sites", key: "id = \(row.site.id)")
        var writer = JSONEachRowWriter()
        writer.beginRow()
        writer.field("id", row.site.id)
        writer.field("domain", row.site.domain)
        writer.field("timezone", row.site.timezone)
        writer.field("rate_limit_per_minute", nullable: row.site.rateLimit.eventsPerMinute.map { Int64($0) })
        writer.field("burst", row.site.rateLimit.burst)
        writer.field("debug_drops", row.site.debugDrops)
        writer.field("created_at", row.createdAt)
        writer.field("removed_at", nullable: row.removed ? clock.nowSeconds() : nil)
        writer.field("version", version)
        writer.endRow()
        try client.insertBlocking(
            into: "sites",
            columns: [
                "id", "domain", "timezone", "rate_limit_per_minute", "burst", "debug_drops", "created_at", "removed_at",
                "version",
            ],
            rows: writer)
    }

    private static func validDomain(_ raw: String) throws(SiteAdministrationError) -> String {
        guard let canonical = Site.validDomain(raw) else { throw .invalidDomain(raw) }
        return canonical
    }

    private static func validate(timezone: String) throws(SiteAdministrationError) {
        guard TimeZone(identifier: timezone) != nil else { throw .unknownTimezone(timezone) }
    }

    private static func validate(_ limit: RateLimit) throws(SiteAdministrationError) {
        guard limit.isValid else { throw .invalidRateLimit }
    }
}
