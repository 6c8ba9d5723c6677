import PerchClickHouse
import PerchStats

/// A test site and its goals written as rows of migration 2's tables (`sites`, `goals`), the way
/// the Stats tests give ClickHouse a world's configuration without going through the CLI.
enum StatsSiteRows {
    /// Inserts the site and its goals, numbering the goals from `firstGoalID`; returns the number
    /// after the last one used.
    @discardableResult
    static func insert(
        siteID: Int64, domain: String, zone: String, goals: [Goal], firstGoalID: Int,
        _ client: ClickHouseClient
    ) async throws -> Int {
        try await client.execute(
            """
            INSERT INTO sites (id, domain, timezone, rate_limit_per_minute, burst, debug_drops, created_at, removed_at, version)
            VALUES (\(siteID), \(ClickHouseSQL.literal(domain)), \(ClickHouseSQL.literal(zone)), 600, 120, 0, 0, NULL, 1)
            """)
        var goalID = firstGoalID
        for goal in goals {
            let (event, page): (String, String) =
                switch goal.kind {
                case .event(let name): (ClickHouseSQL.literal(name), "NULL")
                case .page(let path): ("NULL", ClickHouseSQL.literal(path))
                }
            let currency = goal.currency.map(ClickHouseSQL.literal) ?? "NULL"
            try await client.execute(
                """
                INSERT INTO goals (id, site_id, event_name, page_path, currency, created_at, removed, version)
                VALUES (\(goalID), \(siteID), \(event), \(page), \(currency), 0, 0, 1)
                """)
            goalID += 1
        }
        return goalID
    }
}
