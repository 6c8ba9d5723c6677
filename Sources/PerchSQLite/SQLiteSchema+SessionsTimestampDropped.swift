/// Migration `v12-sessions-timestamp-dropped` (frozen once shipped): no `sessions_timestamp`.
///
/// The index on `timestamp` alone was written for every new session and moved on every update of
/// one (each event of a returning visitor), and served only two reads at start-up: the sessions
/// still active (`sessions(activeSince:)`) and the busiest sites' ranking (`busiestSites`). Both
/// read `sessions_site_timestamp` site by site instead (`SessionSites`).
extension SQLiteSchema {
    static let v12SessionsTimestampDropped = """
        DROP INDEX sessions_timestamp;
        """
}
