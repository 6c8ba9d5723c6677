import PerchCore

/// What a write asks ClickHouse before writing, when it cannot trust its own memory.
extension ClickHouseEventStore {
    /// Ids per IN list: keeps each lookup well under ClickHouse's 256 KiB `max_query_size`.
    static let lookupChunk = 2_000

    /// Which of this node's journal sequences in `first...last` are already stored. Bounded by the
    /// events' sites and times, so the primary key narrows the scan to a few granules.
    func storedSequences(
        of events: [EventRecord], from first: UInt64, through last: UInt64
    ) throws(ClickHouseError) -> Set<UInt64> {
        let sites = Set(events.map { UInt64(bitPattern: $0.siteID) })
        let times = events.map(\.timestamp)
        let result = try client.queryBlocking(
            """
            SELECT journal_sequence FROM events
            WHERE site_id IN \(ClickHouseSQL.list(sites.sorted()))
              AND timestamp >= toDateTime(\(times.min() ?? 0)) AND timestamp <= toDateTime(\(times.max() ?? 0))
              AND journal_node = \(ClickHouseSQL.literal(node))
              AND journal_sequence >= \(first) AND journal_sequence <= \(last)
            """)
        var sequences: Set<UInt64> = []
        for row in result.rows { sequences.insert(try row[0].uint64()) }
        return sequences
    }

    /// The current stored state of each of these sessions that has one.
    func storedSessionStates(of sessions: [SessionRecord]) throws(ClickHouseError) -> [UInt64: SessionRecord] {
        var states: [UInt64: SessionRecord] = [:]
        var start = 0
        while start < sessions.count {
            let chunk = sessions[start..<min(start + Self.lookupChunk, sessions.count)]
            start += Self.lookupChunk
            let sites = Set(chunk.map { UInt64(bitPattern: $0.siteID) })
            let starts = chunk.map(\.start)
            let result = try client.queryBlocking(
                """
                SELECT \(ClickHouseRows.sessionSelectList) FROM sessions
                WHERE site_id IN \(ClickHouseSQL.list(sites.sorted()))
                  AND start >= toDateTime(\(starts.min() ?? 0)) AND start <= toDateTime(\(starts.max() ?? 0))
                  AND session_id IN \(ClickHouseSQL.list(chunk.map(\.sessionID)))
                """)
            states.merge(try Self.currentStates(result.rows)) { $1 }
        }
        return states
    }

    /// Folds unmerged state rows into each session's current state: per (session, version) the
    /// signs add up, and the newest version left with a positive sum is the state. Rows of a
    /// version cancelled by a `-1` row drop out whether or not ClickHouse has merged them yet.
    static func currentStates(_ rows: [[ClickHouseValue]]) throws(ClickHouseError) -> [UInt64: SessionRecord] {
        struct Version {
            var session: SessionRecord?
            var sum = 0
        }
        var versions: [UInt64: [Int32: Version]] = [:]
        for row in rows {
            let (session, sign) = try ClickHouseRows.session(from: row)
            var version = versions[session.sessionID, default: [:]][session.events, default: Version()]
            version.sum += Int(sign)
            if sign > 0 { version.session = session }
            versions[session.sessionID, default: [:]][session.events] = version
        }
        var states: [UInt64: SessionRecord] = [:]
        for (sessionID, byVersion) in versions {
            let live = byVersion.filter { $0.value.sum > 0 && $0.value.session != nil }
            if let newest = live.max(by: { $0.key < $1.key }) { states[sessionID] = newest.value.session }
        }
        return states
    }
}
