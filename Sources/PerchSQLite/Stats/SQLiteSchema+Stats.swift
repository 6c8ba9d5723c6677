/// Migration `v3-stats` (frozen once shipped): conversion goals and Stats API keys.
extension SQLiteSchema {
    /// A goal is an event name or a page pattern, never both; one of each per site. Keys keep only
    /// the SHA-256 of their secret; a revoked key keeps its row so its id is never reused.
    static let v3Stats = """
        CREATE TABLE goals (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            site_id INTEGER NOT NULL REFERENCES sites (id),
            event_name TEXT,
            page_path TEXT,
            currency TEXT,
            created_at INTEGER NOT NULL,
            CHECK ((event_name IS NULL) <> (page_path IS NULL))
        );
        CREATE UNIQUE INDEX goals_site_event ON goals (site_id, event_name) WHERE event_name IS NOT NULL;
        CREATE UNIQUE INDEX goals_site_page ON goals (site_id, page_path) WHERE page_path IS NOT NULL;
        CREATE TABLE api_keys (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            key_hash TEXT NOT NULL UNIQUE,
            prefix TEXT NOT NULL,
            site_id INTEGER REFERENCES sites (id),
            hourly_limit INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            revoked_at INTEGER
        );
        """
}
