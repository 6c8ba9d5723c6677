import GRDB
import PerchCore

/// Hourly drop counts (`perch drops`) and the per-site debug-drops switch.
extension SQLiteStore: DropCountStore {
    package func addDropCounts(_ counts: [DropCount]) throws(SQLiteStoreError) {
        guard !counts.isEmpty else { return }
        try SQLiteStoreError.wrap {
            try writer.write { db in
                let statement = try db.cachedStatement(
                    sql: """
                        INSERT INTO drop_counts (domain, reason, hour, count) VALUES (?, ?, ?, ?)
                        ON CONFLICT (domain, reason, hour) DO UPDATE SET count = count + excluded.count
                        """)
                for count in counts {
                    try statement.execute(arguments: [count.domain, count.reason, count.hour, count.count])
                }
            }
        }
    }

    package func deleteDropCounts(before cutoff: Int64) throws(SQLiteStoreError) {
        try SQLiteStoreError.wrap {
            try writer.write { db in
                try db.execute(sql: "DELETE FROM drop_counts WHERE hour < ?", arguments: [cutoff])
            }
        }
    }

    package func dropCounts(since: Int64, domain: String?) throws(SQLiteStoreError) -> [DropCount] {
        try SQLiteStoreError.wrap {
            try writer.read { db in
                var sql = "SELECT domain, reason, hour, count FROM drop_counts WHERE hour >= ?"
                var arguments: StatementArguments = [since]
                if let domain {
                    sql += " AND domain = ?"
                    arguments += [Site.canonicalDomain(domain)]
                }
                return try Row.fetchAll(db, sql: sql + " ORDER BY domain, reason, hour", arguments: arguments).map {
                    DropCount(domain: $0[0], reason: $0[1], hour: $0[2], count: $0[3])
                }
            }
        }
    }

    /// Turns an active site's debug-drops mode on or off (`x-perch-drop-reason` in responses).
    package func setDebugDrops(domain: String, enabled: Bool) throws(SQLiteStoreError) {
        let canonical = Site.canonicalDomain(domain)
        try SQLiteStoreError.wrap {
            try writer.write { db in
                try db.execute(
                    sql: "UPDATE sites SET debug_drops = ? WHERE domain = ? AND removed_at IS NULL",
                    arguments: [enabled, canonical])
                if db.changesCount == 0 { throw SQLiteStoreError.unknownSite(domain: canonical) }
            }
        }
    }
}
