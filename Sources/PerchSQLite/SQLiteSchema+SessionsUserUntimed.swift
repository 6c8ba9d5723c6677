/// Migration `v10-sessions-user-untimed` (frozen once shipped): `sessions_user` on
/// (user_id, site_id) alone.
///
/// With `timestamp` in its key (v8), every update of a session (each event of a returning visitor)
/// moved the session's entry in this index, at a random page since user ids are random. Without
/// it the upsert leaves the index alone (SQLite maintains an index on UPDATE only when a column of
/// it is set), and `latestSession` reads the visitor's few sessions on the site and picks the
/// newest itself.
extension SQLiteSchema {
    static let v10SessionsUserUntimed = """
        DROP INDEX sessions_user;
        CREATE INDEX sessions_user ON sessions (user_id, site_id);
        """
}
