import PerchCore

/// Where the session cache finds a visitor's session it evicted (see `SessionArchive`).
extension ClickHouseEventStore: SessionArchive {
    /// How far before `since` a still active session may have started. Bounding `start` lets the
    /// primary key, `(site_id, toDate(start), …)`, skip older days; a session active for longer
    /// than this is not found and the visitor starts a new one (Plausible's Stats queries bound
    /// sessions the same way).
    static let longestSession: Int64 = 7 * 86_400

    /// Nothing to keep: the lookup reads the `sessions` table by visitor (its primary key leads
    /// with the site and the start day), so it finds evicted sessions among all the others.
    package func remember(_ evictions: [EvictedSession]) {}

    package func latestSession(
        siteID: Int64, userIDs: [UInt64], activeSince since: Int64
    ) throws(ClickHouseError) -> SessionRecord? {
        guard !userIDs.isEmpty else { return nil }
        let result = try client.queryBlocking(
            """
            SELECT \(ClickHouseRows.sessionSelectList) FROM sessions
            WHERE site_id = \(UInt64(bitPattern: siteID))
              AND start >= toDateTime(\(max(0, since - Self.longestSession)))
              AND user_id IN \(ClickHouseSQL.list(userIDs)) AND timestamp >= toDateTime(\(since))
            """)
        return try Self.currentStates(result.rows).values.max {
            ($0.timestamp, $0.sessionID) < ($1.timestamp, $1.sessionID)
        }
    }
}
