import PerchCore

/// Hourly drop counts from every node: each flush inserts its counts, which add up (in the
/// answers at once, in the table when ClickHouse merges it).
extension ClickHouseStore: DropCountStore {
    package func addDropCounts(_ counts: [DropCount]) throws(ClickHouseError) {
        var rows = JSONEachRowWriter()
        for count in counts {
            rows.beginRow()
            rows.field("domain", count.domain)
            rows.field("reason", count.reason)
            rows.field("hour", count.hour)
            rows.field("count", count.count)
            rows.endRow()
        }
        try client.insertBlocking(into: "drop_counts", columns: ["domain", "reason", "hour", "count"], rows: rows)
    }

    package func deleteDropCounts(before cutoff: Int64) throws(ClickHouseError) {
        try delete(from: "drop_counts", where: "hour < toDateTime(\(cutoff))")
    }

    package func dropCounts(since: Int64, domain: String?) throws(ClickHouseError) -> [DropCount] {
        var condition = "hour >= toDateTime(\(since))"
        if let domain { condition += " AND domain = \(ClickHouseSQL.literal(Site.canonicalDomain(domain)))" }
        let result = try client.queryBlocking(
            """
            SELECT domain, reason, toUnixTimestamp(hour) AS start, sum(count) FROM drop_counts
            WHERE \(condition) GROUP BY domain, reason, hour ORDER BY domain, reason, start
            """)
        var counts: [DropCount] = []
        for row in result.rows {
            counts.append(
                DropCount(
                    domain: try row[0].string(), reason: try row[1].string(), hour: try row[2].int64(),
                    count: try row[3].int64()))
        }
        return counts
    }
}
