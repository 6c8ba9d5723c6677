/// Migration `v5-dashboard` (frozen once shipped): dashboard users, their signed-in sessions,
/// shared links, and the server's signing secret (made once, by SQLite's own random source).
extension SQLiteSchema {
    static let v5Dashboard = """
        CREATE TABLE dashboard_users (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            email TEXT NOT NULL UNIQUE,
            password_hash TEXT NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE TABLE login_sessions (
            token_hash TEXT PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES dashboard_users (id) ON DELETE CASCADE,
            csrf_token TEXT NOT NULL,
            expires_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX login_sessions_user ON login_sessions (user_id);
        CREATE TABLE shared_links (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            site_id INTEGER NOT NULL REFERENCES sites (id),
            slug TEXT NOT NULL UNIQUE,
            password_hash TEXT,
            created_at INTEGER NOT NULL
        );
        CREATE TABLE signing_secret (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            secret BLOB NOT NULL
        );
        INSERT INTO signing_secret (id, secret) VALUES (1, randomblob(32));
        """
}
