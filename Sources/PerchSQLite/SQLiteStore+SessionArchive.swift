import GRDB
import PerchCore

extension SQLiteStore: SessionArchive {
    /// The newest stored state among the visitor's sessions on the site still active since
    /// `since`; the `sessions_user` index on (user_id, site_id) makes it one short index walk per
    /// user id, over the few sessions that visitor id had on the site (ids change with the daily
    /// salt), the newest of them picked here.
    package func latestSession(
        siteID: Int64, userIDs: [UInt64], activeSince since: Int64
    ) throws(SQLiteStoreError) -> SessionRecord? {
        try SQLiteStoreError.wrap {
            try writer.read { db in
                var newest: SessionRecord?
                for userID in userIDs {
                    var statement = StatementHandle(
                        try db.cachedStatement(sql: SQLiteRows.selectSessions + Self.latestSessionFilter), in: db)
                    statement.bind(SQLiteRows.bitPattern(userID))
                    statement.bind(siteID)
                    statement.bind(since)
                    while try statement.step() {
                        let session = try SQLiteRows.session(statement)
                        if newest.map({ session.timestamp > $0.timestamp }) ?? true { newest = session }
                    }
                }
                return newest
            }
        }
    }

    /// Named: without statistics SQLite's planner prefers `sessions_site_timestamp` (site_id=? AND
    /// timestamp>?), which would read every session of the site active since `since`.
    static let latestSessionFilter =
        " INDEXED BY sessions_user WHERE user_id = ? AND site_id = ? AND timestamp >= ?"
}
