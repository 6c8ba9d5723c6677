import PerchCore

/// The batch endpoint's idempotency keys, written with their events by `ClickHouseEventStore`.
extension ClickHouseStore: IdempotencyKeyStore {
    package func idempotencyKeys(since: Int64) throws(ClickHouseError) -> [String] {
        let result = try client.queryBlocking(
            "SELECT DISTINCT key FROM event_ids WHERE timestamp >= toDateTime(\(since))")
        var keys: [String] = []
        keys.reserveCapacity(result.rows.count)
        for row in result.rows { keys.append(try row[0].string()) }
        return keys
    }

    /// Drops the days that end before `cutoff` whole (the table has a partition per day, so no
    /// rows are rewritten): keys from the cutoff's own day stay until the next day's call. Readers
    /// ask for keys since a time anyway.
    package func deleteIdempotencyKeys(before cutoff: Int64) throws(ClickHouseError) {
        try dropDays(of: "event_ids", before: cutoff)
    }

    /// Drops the partitions (one per day, `toYYYYMMDD`) of `table` for days before the day of
    /// `cutoff`: whole days go, nothing is rewritten. On a cluster, of every shard's local table.
    func dropDays(of table: String, before cutoff: Int64) throws(ClickHouseError) {
        let target = localTable(table)
        let result = try client.queryBlocking(
            """
            SELECT DISTINCT partition FROM \(systemTable("parts"))
            WHERE database = \(ClickHouseSQL.literal(client.configuration.database))
              AND table = \(ClickHouseSQL.literal(target.name))
              AND active AND partition < toString(toYYYYMMDD(toDateTime(\(cutoff))))
            """)
        for row in result.rows {
            let day = try row[0].string()
            guard !day.isEmpty, day.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
                throw .unexpectedResponse("\(table) partition \(day) is not a day number")
            }
            try client.executeBlocking("ALTER TABLE \(target.statementName) DROP PARTITION \(day)")
        }
    }
}
