import Foundation
import GRDB
import PerchCore

/// Site administration for the CLI, and the directory the server reads.
///
/// `addSite` never changes an existing site: it throws `siteExists`, and the CLI decides whether
/// to call `updateSite` instead. Removing a site hides it but keeps its row and its data, so
/// adding the same domain again brings back the same id and its history.
extension SQLiteStore {
    private static let selectSite = """
        SELECT id, domain, timezone, rate_limit_per_minute, burst, debug_drops FROM sites WHERE removed_at IS NULL
        """

    /// The active sites with their revenue goals, which ingestion needs (spec §4.6).
    package func allSites() throws(SQLiteStoreError) -> [Site] {
        try SQLiteStoreError.wrap {
            try writer.read { db in
                var revenueGoals: [Int64: [String: String]] = [:]
                let goals = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT site_id, event_name, currency FROM goals
                        WHERE event_name IS NOT NULL AND currency IS NOT NULL
                        """)
                while let row = try goals.next() {
                    revenueGoals[row[0], default: [:]][row[1]] = row[2]
                }
                return try Row.fetchAll(db, sql: Self.selectSite + " ORDER BY domain").map { row in
                    var site = Self.site(row)
                    site.revenueGoals = revenueGoals[site.id] ?? [:]
                    return site
                }
            }
        }
    }

    /// The active site for `domain` (canonicalised first), or nil.
    package func site(domain: String) throws(SQLiteStoreError) -> Site? {
        try SQLiteStoreError.wrap { try writer.read { db in try Self.site(db, domain: domain) } }
    }

    /// The site of `domain` (any spelling `Site.canonicalDomain` accepts), unless removed.
    static func site(_ db: Database, domain: String) throws -> Site? {
        let canonical = Site.canonicalDomain(domain)
        return try Row.fetchOne(db, sql: selectSite + " AND domain = ?", arguments: [canonical]).map(site)
    }

    @discardableResult
    package func addSite(
        domain: String, timezone: String = "UTC", rateLimit: RateLimit = .default
    ) throws(SQLiteStoreError) -> Site {
        let canonical = try Self.validDomain(domain)
        try Self.validate(timezone: timezone)
        try Self.validate(rateLimit)
        let now = clock.nowSeconds()
        return try SQLiteStoreError.wrap {
            try writer.write { db in
                let existing = try Row.fetchOne(
                    db, sql: "SELECT id, removed_at FROM sites WHERE domain = ?", arguments: [canonical])
                if let existing, (existing["removed_at"] as Int64?) == nil {
                    throw SQLiteStoreError.siteExists(domain: canonical)
                }
                let arguments: StatementArguments = [
                    timezone, rateLimit.eventsPerMinute, rateLimit.burst, now, canonical,
                ]
                if existing != nil {
                    try db.execute(
                        sql: """
                            UPDATE sites SET timezone = ?, rate_limit_per_minute = ?, burst = ?, created_at = ?,
                            removed_at = NULL WHERE domain = ?
                            """,
                        arguments: arguments)
                } else {
                    try db.execute(
                        sql: """
                            INSERT INTO sites (timezone, rate_limit_per_minute, burst, created_at, domain)
                            VALUES (?, ?, ?, ?, ?)
                            """,
                        arguments: arguments)
                }
                let id = try Int64.fetchOne(db, sql: "SELECT id FROM sites WHERE domain = ?", arguments: [canonical])
                return Site(id: id ?? 0, domain: canonical, timezone: timezone, rateLimit: rateLimit)
            }
        }
    }

    /// Changes the given settings of an active site; nil leaves a setting as it is.
    @discardableResult
    package func updateSite(
        domain: String, timezone: String? = nil, rateLimit: RateLimit? = nil
    ) throws(SQLiteStoreError) -> Site {
        let canonical = Site.canonicalDomain(domain)
        if let timezone { try Self.validate(timezone: timezone) }
        if let rateLimit { try Self.validate(rateLimit) }
        return try SQLiteStoreError.wrap {
            try writer.write { db in
                guard let row = try Row.fetchOne(db, sql: Self.selectSite + " AND domain = ?", arguments: [canonical])
                else { throw SQLiteStoreError.unknownSite(domain: canonical) }
                var site = Self.site(row)
                if let timezone { site.timezone = timezone }
                if let rateLimit { site.rateLimit = rateLimit }
                try db.execute(
                    sql: "UPDATE sites SET timezone = ?, rate_limit_per_minute = ?, burst = ? WHERE id = ?",
                    arguments: [site.timezone, site.rateLimit.eventsPerMinute, site.rateLimit.burst, site.id])
                return site
            }
        }
    }

    /// Hides the site from the directory; returns false if no active site had that domain.
    @discardableResult
    package func removeSite(domain: String) throws(SQLiteStoreError) -> Bool {
        let canonical = Site.canonicalDomain(domain)
        let now = clock.nowSeconds()
        return try SQLiteStoreError.wrap {
            try writer.write { db in
                try db.execute(
                    sql: "UPDATE sites SET removed_at = ? WHERE domain = ? AND removed_at IS NULL",
                    arguments: [now, canonical])
                return db.changesCount > 0
            }
        }
    }

    /// A number that changes whenever a site is added, changed or removed, by any process.
    /// One indexed single-row read: cheap enough for a server to poll every second.
    package func sitesVersion() throws(SQLiteStoreError) -> Int64 {
        try SQLiteStoreError.wrap {
            try writer.read { db in try Int64.fetchOne(db, sql: "SELECT version FROM sites_version WHERE id = 1") ?? 0 }
        }
    }

    private static func site(_ row: Row) -> Site {
        Site(
            id: row[0], domain: row[1], timezone: row[2],
            rateLimit: RateLimit(eventsPerMinute: row[3], burst: row[4]), debugDrops: row[5])
    }

    private static func validDomain(_ raw: String) throws(SQLiteStoreError) -> String {
        guard let canonical = Site.validDomain(raw) else { throw .invalidDomain(raw) }
        return canonical
    }

    private static func validate(timezone: String) throws(SQLiteStoreError) {
        guard TimeZone(identifier: timezone) != nil else { throw .unknownTimezone(timezone) }
    }

    private static func validate(_ limit: RateLimit) throws(SQLiteStoreError) {
        guard limit.isValid else { throw .invalidRateLimit }
    }
}
