import GRDB
import PerchCore

extension SQLiteStore: SessionArchive {
    /// Kept in memory (`EvictedSessionLog`) until the next store write adds them to
    /// `session_evictions` in its transaction: no I/O under the cache's locks.
    package func remember(_ evictions: [EvictedSession]) {
        guard !evictions.isEmpty else { return }
        database.evictions.append(evictions)
    }

    /// The newest stored state among the sessions the cache evicted of the visitor on the site,
    /// still active since `since`: the ids come from `session_evictions` (by its key, visitor
    /// then site) and from the evictions not written yet; each session is then read by id.
    package func latestSession(
        siteID: Int64, userIDs: [UInt64], activeSince since: Int64
    ) throws(SQLiteStoreError) -> SessionRecord? {
        let pending = database.evictions.pending(siteID: siteID, userIDs: userIDs)
        return try SQLiteStoreError.wrap {
            try writer.read { db in
                var newest: SessionRecord?
                func consider(_ statement: inout StatementHandle) throws {
                    while try statement.step() {
                        let session = try SQLiteRows.session(statement)
                        if newest.map({ session.timestamp > $0.timestamp }) ?? true { newest = session }
                    }
                }
                for userID in userIDs {
                    var statement = StatementHandle(try db.cachedStatement(sql: Self.evictedSessions), in: db)
                    statement.bind(SQLiteRows.bitPattern(userID))
                    statement.bind(siteID)
                    statement.bind(since)
                    try consider(&statement)
                }
                for eviction in pending {
                    var statement = StatementHandle(try db.cachedStatement(sql: Self.sessionByID), in: db)
                    statement.bind(SQLiteRows.bitPattern(eviction.sessionID))
                    statement.bind(since)
                    try consider(&statement)
                }
                return newest
            }
        }
    }

    /// A visitor's evicted sessions on a site, active since a time.
    static let evictedSessions =
        "SELECT \(SQLiteRows.sessionColumns.map { "s.\($0)" }.joined(separator: ", "))"
        + " FROM session_evictions v CROSS JOIN sessions s INDEXED BY sessions_session"
        + " WHERE v.user_id = ? AND v.site_id = ? AND s.session_id = v.session_id AND s.timestamp >= ?"

    /// A session by id, if active since a time.
    static let sessionByID =
        SQLiteRows.selectSessions + " INDEXED BY sessions_session WHERE session_id = ? AND timestamp >= ?"

    /// How long after its last activity an eviction's row is kept: past the idle timeout (30
    /// whole minutes, so up to 30 min 59 s) no event continues the session. Measured against the
    /// newest eviction written, so event time, as the cache measures it.
    static let evictionRetention: Int64 = 2 * 3_600

    /// Writes the evictions told since the last write (`EvictedSessionLog`), inside the write's
    /// transaction; the log lets go of them once it commits (a lookup meanwhile still finds them
    /// in memory), and keeps them if it rolls back. Every `pruneInterval` of event time it also
    /// deletes rows older than `evictionRetention`.
    func storeEvictions(_ db: Database) throws {
        let log = database.evictions
        let evictions = log.unwritten()
        guard !evictions.isEmpty else { return }
        db.afterNextTransaction(onCommit: { _ in log.written(evictions.count) }, onRollback: { _ in })
        let newest = evictions.map(\.lastSeen).max() ?? .min
        if log.claimPrune(at: newest) {
            try db.execute(
                sql: "DELETE FROM session_evictions WHERE last_seen < ?",
                arguments: [newest - Self.evictionRetention])
        }
        var insert = StatementHandle(
            try db.cachedStatement(
                sql: "INSERT INTO session_evictions (user_id, site_id, session_id, last_seen) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT DO UPDATE SET last_seen = max(last_seen, excluded.last_seen)"),
            in: db)
        for eviction in evictions {
            insert.bind(SQLiteRows.bitPattern(eviction.userID))
            insert.bind(eviction.siteID)
            insert.bind(SQLiteRows.bitPattern(eviction.sessionID))
            insert.bind(eviction.lastSeen)
            try insert.execute()
        }
    }
}
