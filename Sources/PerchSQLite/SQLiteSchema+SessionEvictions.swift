/// Migration `v13-session-evictions` (frozen once shipped): `sessions_user` replaced by a table of
/// the sessions the cache evicted.
///
/// The session cache reads a session back from the store only when its visitor returns after the
/// cache evicted it (`SessionArchive`). `sessions_user`, keyed by visitor id, served that lookup
/// but was written for every new session, and visitor ids are hashes: each new session landed on
/// a random leaf page, so once the index outgrew a batch every new session cost the writer a page
/// of its own to rewrite (half of the WAL's bytes per event in a 300,000-session database, and
/// growing with it). `session_evictions` holds only the sessions the cache evicted, told by the
/// cache (`EvictedSessionLog`) and written with the next batch; a lookup reads it by visitor and
/// the session by id (`sessions_session`).
extension SQLiteSchema {
    static let v13SessionEvictions = """
        DROP INDEX sessions_user;
        CREATE TABLE session_evictions (
            user_id INTEGER NOT NULL,
            site_id INTEGER NOT NULL,
            session_id INTEGER NOT NULL,
            last_seen INTEGER NOT NULL,
            PRIMARY KEY (user_id, site_id, session_id)
        ) WITHOUT ROWID;
        """
}
