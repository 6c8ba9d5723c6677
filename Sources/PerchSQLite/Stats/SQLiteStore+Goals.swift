import GRDB
import PerchCore
import PerchStats

/// Conversion goals, per site (`perch goals add|list|remove`).
extension SQLiteStore {
    /// Adds a goal to the active site `domain`; false when the site already has it.
    @discardableResult
    package func addGoal(_ goal: Goal, domain: String) throws(SQLiteStoreError) -> Bool {
        let siteID = try activeSiteID(domain)
        let (event, page) = Self.columns(goal.kind)
        let now = clock.nowSeconds()
        return try SQLiteStoreError.wrap {
            try writer.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO goals (site_id, event_name, page_path, currency, created_at) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT DO NOTHING
                        """,
                    arguments: [siteID, event, page, goal.currency, now])
                return db.changesCount > 0
            }
        }
    }

    /// The goals of the active site `domain`, oldest first.
    package func goals(domain: String) throws(SQLiteStoreError) -> [Goal] {
        let siteID = try activeSiteID(domain)
        return try SQLiteStoreError.wrap { try writer.read { db in try Self.goals(db, siteID: siteID) } }
    }

    /// Removes the goal of that kind; false when the site had none.
    @discardableResult
    package func removeGoal(_ kind: Goal.Kind, domain: String) throws(SQLiteStoreError) -> Bool {
        let siteID = try activeSiteID(domain)
        let (event, page) = Self.columns(kind)
        return try SQLiteStoreError.wrap {
            try writer.write { db in
                try db.execute(
                    sql: "DELETE FROM goals WHERE site_id = ? AND (event_name = ? OR page_path = ?)",
                    arguments: [siteID, event, page])
                return db.changesCount > 0
            }
        }
    }

    static func goals(_ db: Database, siteID: Int64) throws -> [Goal] {
        try Row.fetchAll(
            db, sql: "SELECT event_name, page_path, currency FROM goals WHERE site_id = ? ORDER BY id",
            arguments: [siteID]
        ).map { row in
            let event: String? = row[0]
            let page: String? = row[1]
            return Goal(kind: event.map(Goal.Kind.event) ?? .page(page ?? ""), currency: row[2])
        }
    }

    private static func columns(_ kind: Goal.Kind) -> (event: String?, page: String?) {
        switch kind {
        case .event(let name): (name, nil)
        case .page(let path): (nil, path)
        }
    }

    func activeSiteID(_ domain: String) throws(SQLiteStoreError) -> Int64 {
        guard let site = try site(domain: domain) else { throw .unknownSite(domain: Site.canonicalDomain(domain)) }
        return site.id
    }
}
