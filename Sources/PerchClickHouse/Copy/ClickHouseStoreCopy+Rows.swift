import PerchCore
import PerchStats

/// The batched, resumable part of the copy: a site's events and sessions.
extension ClickHouseStoreCopy {
    func copyEvents(from sourceID: Int64, to site: Site, batches: inout Int) throws {
        let progress = "\(Self.node)/events/\(site.id)"
        var cursor = CopyCursor.start(at: try storedProgress(progress))
        var copied = 0
        while true {
            let rows = try source.copyEvents(siteID: sourceID, after: cursor, limit: batchSize)
            guard let last = rows.last else { break }
            let stored = try storedSequences(siteID: site.id, of: rows)
            var writer = RowBinaryWriter(reservingCapacity: rows.count * 300)
            for row in rows where !stored.contains(UInt64(bitPattern: row.sequence)) {
                var event = row.event
                event.siteID = site.id
                ClickHouseRows.append(event, node: Self.node, sequence: UInt64(bitPattern: row.sequence), to: &writer)
            }
            try target.client.insertBlocking(into: "events", columns: ClickHouseRows.eventColumns, rows: writer)
            copied += writer.rowCount
            batches += 1
            try afterStep?(.inserted, batches)
            try record(progress, last.event.timestamp)
            cursor = CopyCursor(timestamp: last.event.timestamp, tieBreak: last.sequence)
            report(
                "\(site.domain): events up to \(ISO8601UTC.text(unixSeconds: last.event.timestamp)), \(copied) copied in this run"
            )
            try afterStep?(.recorded, batches)
        }
    }

    func copySessions(from sourceID: Int64, to site: Site, batches: inout Int) throws {
        let progress = "\(Self.node)/sessions/\(site.id)"
        var cursor = CopyCursor.start(at: try storedProgress(progress))
        var copied = 0
        let lookup = ClickHouseEventStore(client: target.client, node: Self.node)
        while true {
            let rows = try source.copySessions(siteID: sourceID, after: cursor, limit: batchSize)
            guard let last = rows.last else { break }
            let sessions = rows.map { row in
                var session = row
                session.siteID = site.id
                return session
            }
            let stored = try lookup.storedSessionStates(of: sessions)
            var writer = RowBinaryWriter(reservingCapacity: sessions.count * 600)
            for session in sessions {
                let previous = stored[session.sessionID]
                if let previous, previous.events >= session.events { continue }
                if let previous { ClickHouseRows.append(previous, sign: -1, to: &writer) }
                ClickHouseRows.append(session, sign: 1, to: &writer)
                copied += 1
            }
            try target.client.insertBlocking(into: "sessions", columns: ClickHouseRows.sessionColumns, rows: writer)
            batches += 1
            try afterStep?(.inserted, batches)
            try record(progress, last.start)
            cursor = CopyCursor(timestamp: last.start, tieBreak: Int64(bitPattern: last.sessionID))
            report(
                "\(site.domain): sessions starting up to \(ISO8601UTC.text(unixSeconds: last.start)), \(copied) copied in this run"
            )
            try afterStep?(.recorded, batches)
        }
    }

    /// Which of these events' sequences ClickHouse already holds for the site (copied earlier).
    private func storedSequences(siteID: Int64, of rows: [SequencedEventRecord]) throws(ClickHouseError) -> Set<UInt64>
    {
        let times = rows.map(\.event.timestamp)
        let result = try target.client.queryBlocking(
            """
            SELECT journal_sequence FROM events
            WHERE site_id = \(UInt64(bitPattern: siteID))
              AND timestamp >= toDateTime(\(times.min() ?? 0)) AND timestamp <= toDateTime(\(times.max() ?? 0))
              AND journal_node = \(ClickHouseSQL.literal(Self.node))
            """)
        var sequences: Set<UInt64> = []
        for row in result.rows { sequences.insert(try row[0].uint64()) }
        return sequences
    }

    /// The second a site's copy of one kind had reached (0 if it never started).
    private func storedProgress(_ key: String) throws(ClickHouseError) -> Int64 {
        let result = try target.client.queryBlocking(
            "SELECT max(sequence) FROM journal_positions WHERE node = \(ClickHouseSQL.literal(key))")
        return Int64(bitPattern: try result.scalar().uint64())
    }

    private func record(_ key: String, _ timestamp: Int64) throws(ClickHouseError) {
        var writer = JSONEachRowWriter()
        writer.beginRow()
        writer.field("node", key)
        writer.field("sequence", UInt64(max(0, timestamp)))
        writer.field("updated_at", target.clock.nowSeconds())
        writer.endRow()
        try target.client.insertBlocking(
            into: "journal_positions", columns: ["node", "sequence", "updated_at"], rows: writer)
    }
}
