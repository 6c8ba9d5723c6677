import PerchCore
import PerchStats

/// Conversion goals in ClickHouse's versioned `goals` table. A goal's id is a hash of its site and
/// its event name or page path, so adding one twice (from two CLIs at once, too) is one goal;
/// removing it is a row marked `removed`.
extension ClickHouseStore {
    /// The newest row of a goal.
    struct GoalRow {
        var id: Int64
        var siteID: Int64
        var goal: Goal
        var removed: Bool
    }

    /// Adds a goal to the active site `domain`; false when the site already has one for that
    /// event name or page path.
    @discardableResult
    package func addGoal(_ goal: Goal, domain: String) throws -> Bool {
        let siteID = try activeSiteRow(domain: domain).site.id
        let id = Self.goalID(goal.kind, siteID: siteID)
        if let existing = try goalRows(where: "site_id = \(siteID) AND id = \(id)").first, !existing.removed {
            return false
        }
        try insert(GoalRow(id: id, siteID: siteID, goal: goal, removed: false))
        return true
    }

    /// The goals of the active site `domain`, in the order they were added.
    package func goals(domain: String) throws -> [Goal] {
        try activeGoals(siteID: try activeSiteRow(domain: domain).site.id)
    }

    /// Removes the goal of that kind; false when the site had none.
    @discardableResult
    package func removeGoal(_ kind: Goal.Kind, domain: String) throws -> Bool {
        let siteID = try activeSiteRow(domain: domain).site.id
        let id = Self.goalID(kind, siteID: siteID)
        guard var row = try goalRows(where: "site_id = \(siteID) AND id = \(id)").first, !row.removed else {
            return false
        }
        row.removed = true
        try insert(row)
        return true
    }

    /// The goals of a site, in the order they were added: what the Stats API reports on.
    package func activeGoals(siteID: Int64) throws(ClickHouseError) -> [Goal] {
        try goalRows(where: "site_id = \(siteID)").filter { !$0.removed }.map(\.goal)
    }

    /// The newest row of every goal (`condition` narrows them), by the time of its last change.
    func goalRows(where condition: String?) throws(ClickHouseError) -> [GoalRow] {
        let filter = condition.map { " WHERE " + $0 } ?? ""
        let result = try client.queryBlocking(
            """
            SELECT id, site_id, event_name, page_path, currency, removed FROM (
              SELECT id, site_id, event_name, page_path, currency, removed, version FROM goals\(filter)
              ORDER BY site_id, id, version DESC LIMIT 1 BY site_id, id
            ) ORDER BY version, id
            """)
        var rows: [GoalRow] = []
        for row in result.rows {
            let kind: Goal.Kind
            switch (row[2], row[3]) {
            case (.string(let name), _): kind = .event(name)
            case (_, .string(let path)): kind = .page(path)
            default: throw .unexpectedResponse("a goal with neither an event name nor a page path")
            }
            let currency: String? = if case .string(let code) = row[4] { code } else { nil }
            rows.append(
                GoalRow(
                    id: try row[0].int64(), siteID: try row[1].int64(), goal: Goal(kind: kind, currency: currency),
                    removed: try row[5].int64() != 0))
        }
        return rows
    }

    private static func goalID(_ kind: Goal.Kind, siteID: Int64) -> Int64 {
        switch kind {
        case .event(let name): stableID("goal:\(siteID):event:\(name)")
        case .page(let path): stableID("goal:\(siteID):page:\(path)")
        }
    }

    private func insert(_ row: GoalRow) throws(ClickHouseError) {
        var writer = JSONEachRowWriter()
        writer.beginRow()
        writer.field("id", row.id)
        writer.field("site_id", row.siteID)
        switch row.goal.kind {
        case .event(let name):
            writer.field("event_name", nullable: name)
            writer.field("page_path", nullable: String?.none)
        case .page(let path):
            writer.field("event_name", nullable: String?.none)
            writer.field("page_path", nullable: path)
        }
        writer.field("currency", nullable: row.goal.currency)
        writer.field("created_at", clock.nowSeconds())
        writer.field("removed", row.removed)
        writer.field("version", try nextVersion(of: "goals", key: "site_id = \(row.siteID) AND id = \(row.id)"))
        writer.endRow()
        try client.insertBlocking(
            into: "goals",
            columns: ["id", "site_id", "event_name", "page_path", "currency", "created_at", "removed", "version"],
            rows: writer)
    }
}
