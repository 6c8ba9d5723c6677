import PerchCore
import PerchStats

/// The end of a copy: per-site row counts of the source against ClickHouse's.
extension ClickHouseStoreCopy {
    /// A site whose counts differ between the stores.
    package struct Mismatch: Sendable, Hashable, CustomStringConvertible {
        package var domain: String
        package var source: StoreRowCounts
        package var target: StoreRowCounts

        package var description: String {
            "\(domain): \(source.events) events and \(source.sessions) sessions in the source, "
                + "\(target.events) and \(target.sessions) in ClickHouse"
        }
    }

    /// Compares each site's events and sessions; `sites` maps source site ids to ClickHouse's
    /// (`run()`'s result). Returns the sites that differ (none when the copy is complete).
    package func verify(sites: [Int64: Int64]) throws -> [Mismatch] {
        let sourceCounts = try source.copyRowCounts()
        let targetCounts = try targetRowCounts()
        let domains = Dictionary(try source.allSites().map { ($0.id, $0.domain) }) { first, _ in first }
        var mismatches: [Mismatch] = []
        for (sourceID, targetID) in sites.sorted(by: { $0.key < $1.key }) {
            let expected = sourceCounts[sourceID] ?? StoreRowCounts()
            let found = targetCounts[targetID] ?? StoreRowCounts()
            let domain = domains[sourceID] ?? "site \(sourceID)"
            if expected != found {
                mismatches.append(Mismatch(domain: domain, source: expected, target: found))
            } else {
                report("\(domain): \(found.events) events and \(found.sessions) sessions, as in the source")
            }
        }
        return mismatches
    }

    /// Copied events (node `perch-copy`) and live sessions (sum of `sign`) per ClickHouse site id.
    package func targetRowCounts() throws(ClickHouseError) -> [Int64: StoreRowCounts] {
        var counts: [Int64: StoreRowCounts] = [:]
        let events = try target.client.queryBlocking(
            """
            SELECT site_id, count() FROM events WHERE journal_node = \(ClickHouseSQL.literal(Self.node))
            GROUP BY site_id
            """)
        for row in events.rows {
            counts[Int64(bitPattern: try row[0].uint64()), default: StoreRowCounts()].events = try row[1].int64()
        }
        let sessions = try target.client.queryBlocking("SELECT site_id, sum(sign) FROM sessions GROUP BY site_id")
        for row in sessions.rows {
            counts[Int64(bitPattern: try row[0].uint64()), default: StoreRowCounts()].sessions = try row[1].int64()
        }
        return counts
    }
}
