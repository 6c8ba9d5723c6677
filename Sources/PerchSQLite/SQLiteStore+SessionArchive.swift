import GRDB
import PerchCore

extension SQLiteStore: SessionArchive {
    /// The newest stored state among the visitor's sessions on the site still active since
    /// `since`; the `sessions_user` index makes it one short index walk per user id.
    package func latestSession(
        siteID: Int64, userIDs: [UInt64], activeSince since: Int64
    ) throws(SQLiteStoreError) -> SessionRecord? {
        try SQLiteStoreError.wrap {
            try writer.read { db in
                var newest: SessionRecord?
                for userID in userIDs {
                    var statement = StatementHandle(
                        try db.makeStatement(sql: SQLiteRows.selectSessions + Self.latestSessionFilter), in: db)
                    statement.bind(SQLiteRows.bitPattern(userID))
                    statement.bind(siteID)
                    statement.bind(since)
                    guard try statement.step() else { continue }
                    let session = try SQLiteRows.session(statement)
                    if newest.map({ session.timestamp > $0.timestamp }) ?? true { newest = session }
                }
                return newest
            }
        }
    }

    private static let latestSessionFilter =
        " WHERE user_id = ? AND site_id = ? AND timestamp >= ? ORDER BY timestamp DESC LIMIT 1"
}
