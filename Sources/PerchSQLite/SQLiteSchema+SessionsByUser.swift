/// Migration `v8-sessions-user` (frozen once shipped): an index to find a visitor's sessions,
/// so the session cache can read back a session it evicted to stay within its bound.
extension SQLiteSchema {
    static let v8SessionsUser = """
        CREATE INDEX sessions_user ON sessions (user_id, site_id, timestamp);
        """
}
