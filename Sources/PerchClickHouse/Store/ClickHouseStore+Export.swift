import PerchCore

/// `perch events export` and `perch sessions export` from ClickHouse. Rows are read a few days at
/// a time (at most about `exportChunkRows` per query), so memory stays bounded by a chunk, not
/// the site. Events come oldest first (ties in the order their journals wrote them); sessions by
/// start, each as its current state (sign-weighted, as the write path folds them).
extension ClickHouseStore: StoredDataExport {
    static let exportChunkRows: UInt64 = 100_000

    package func exportEvents(siteID: Int64, format: ExportFormat, _ emit: (String) throws -> Void) throws {
        let preamble = format.eventPreamble
        if !preamble.isEmpty { try emit(preamble) }
        let site = UInt64(bitPattern: siteID)
        for (first, last) in try dayChunks(table: "events", time: "timestamp", siteID: site) {
            let result = try client.queryBlocking(
                """
                SELECT \(ClickHouseRows.eventSelectList) FROM events
                WHERE site_id = \(site) AND timestamp >= toDateTime(\(first)) AND timestamp < toDateTime(\(last))
                ORDER BY timestamp, journal_node, journal_sequence
                """)
            for row in result.rows { try emit(format.line(try ClickHouseRows.event(from: row))) }
        }
    }

    package func exportSessions(siteID: Int64, format: ExportFormat, _ emit: (String) throws -> Void) throws {
        let preamble = format.sessionPreamble
        if !preamble.isEmpty { try emit(preamble) }
        let site = UInt64(bitPattern: siteID)
        for (first, last) in try dayChunks(table: "sessions", time: "start", siteID: site) {
            let result = try client.queryBlocking(
                """
                SELECT \(ClickHouseRows.sessionSelectList) FROM sessions
                WHERE site_id = \(site) AND start >= toDateTime(\(first)) AND start < toDateTime(\(last))
                """)
            let states = try ClickHouseEventStore.currentStates(result.rows).values.sorted {
                ($0.start, $0.sessionID) < ($1.start, $1.sessionID)
            }
            for session in states { try emit(format.line(session)) }
        }
    }

    /// The site's days (UTC) with rows, grouped into runs of about `exportChunkRows` rows: each
    /// run as Unix seconds, from the start of its first day to the end of its last.
    private func dayChunks(table: String, time: String, siteID: UInt64) throws(ClickHouseError) -> [(UInt64, UInt64)] {
        let result = try client.queryBlocking(
            """
            SELECT intDiv(toUInt64(toUInt32(\(time))), 86400) AS day, count() FROM \(table) WHERE site_id = \(siteID)
            GROUP BY day ORDER BY day
            """)
        var chunks: [(UInt64, UInt64)] = []
        var current: (first: UInt64, last: UInt64, rows: UInt64)?
        for row in result.rows {
            let day = try row[0].uint64()
            let count = try row[1].uint64()
            if var run = current, run.rows + count <= Self.exportChunkRows {
                run.last = day
                run.rows += count
                current = run
            } else {
                if let run = current { chunks.append((run.first * 86_400, (run.last + 1) * 86_400)) }
                current = (day, day, count)
            }
        }
        if let run = current { chunks.append((run.first * 86_400, (run.last + 1) * 86_400)) }
        return chunks
    }
}
