import GRDB

/// The database schema as named migrations. A shipped migration is frozen: it is plain SQL that
/// never refers to app types, and a change to the schema is a new migration appended here.
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-schema") { db in
            try db.execute(sql: v1Sites)
            try db.execute(sql: v1Events)
            try db.execute(sql: v1Sessions)
        }
        migrator.registerMigration("v2-shields-drops") { db in
            try db.execute(sql: v2ShieldsAndDrops)
        }
        migrator.registerMigration("v3-stats") { db in try db.execute(sql: v3Stats) }
        migrator.registerMigration("v4-clustered") { db in try db.execute(sql: v4Clustered) }
        migrator.registerMigration("v5-dashboard") { db in try db.execute(sql: v5Dashboard) }
        migrator.registerMigration("v6-goals-version") { db in try db.execute(sql: v6GoalsVersion) }
        migrator.registerMigration("v7-event-ids") { db in try db.execute(sql: v7EventIDs) }
        migrator.registerMigration("v8-sessions-user") { db in try db.execute(sql: v8SessionsUser) }
        migrator.registerMigration("v9-database-epoch") { db in try db.execute(sql: v9DatabaseEpoch) }
        migrator.registerMigration("v10-sessions-user-untimed") { db in try db.execute(sql: v10SessionsUserUntimed) }
        migrator.registerMigration("v11-stored-commits") { db in try db.execute(sql: v11StoredCommits) }
        migrator.registerMigration("v12-sessions-timestamp-dropped") { db in
            try db.execute(sql: v12SessionsTimestampDropped)
        }
        migrator.registerMigration("v13-session-evictions") { db in try db.execute(sql: v13SessionEvictions) }
        return migrator
    }

    /// Sites are soft-deleted (`removed_at`) so a domain removed and added again gets its id, and
    /// so its stored events, back. `sites_version` moves on every change to `sites`, through
    /// triggers, so a server polling it sees edits made by another process (the CLI).
    private static let v1Sites = """
        CREATE TABLE sites (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            domain TEXT NOT NULL UNIQUE,
            timezone TEXT NOT NULL,
            rate_limit_per_minute INTEGER,
            burst INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            removed_at INTEGER
        );
        CREATE TABLE sites_version (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            version INTEGER NOT NULL
        );
        INSERT INTO sites_version (id, version) VALUES (1, 0);
        CREATE TRIGGER sites_inserted AFTER INSERT ON sites
            BEGIN UPDATE sites_version SET version = version + 1; END;
        CREATE TRIGGER sites_updated AFTER UPDATE ON sites
            BEGIN UPDATE sites_version SET version = version + 1; END;
        CREATE TRIGGER sites_deleted AFTER DELETE ON sites
            BEGIN UPDATE sites_version SET version = version + 1; END;
        CREATE TABLE salts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            salt BLOB NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE TABLE journal_state (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            applied_sequence INTEGER NOT NULL
        );
        INSERT INTO journal_state (id, applied_sequence) VALUES (1, 0);
        """

    /// After Plausible's `events_v2`. UInt64 ids are stored as their Int64 bit pattern; revenue
    /// amounts in thousandths (NULL when absent); props as a JSON object with sorted keys.
    private static let v1Events = """
        CREATE TABLE events (
            timestamp INTEGER NOT NULL,
            name TEXT NOT NULL,
            site_id INTEGER NOT NULL,
            user_id INTEGER NOT NULL,
            session_id INTEGER NOT NULL,
            hostname TEXT NOT NULL,
            pathname TEXT NOT NULL,
            referrer TEXT NOT NULL,
            referrer_source TEXT NOT NULL,
            utm_medium TEXT NOT NULL,
            utm_source TEXT NOT NULL,
            utm_campaign TEXT NOT NULL,
            utm_content TEXT NOT NULL,
            utm_term TEXT NOT NULL,
            click_id_param TEXT NOT NULL,
            acquisition_channel TEXT NOT NULL,
            country_code TEXT NOT NULL,
            subdivision1_code TEXT NOT NULL,
            subdivision2_code TEXT NOT NULL,
            city_geoname_id INTEGER NOT NULL,
            screen_size TEXT NOT NULL,
            operating_system TEXT NOT NULL,
            operating_system_version TEXT NOT NULL,
            browser TEXT NOT NULL,
            browser_version TEXT NOT NULL,
            props TEXT NOT NULL,
            scroll_depth INTEGER NOT NULL,
            engagement_time INTEGER NOT NULL,
            revenue_source_amount INTEGER,
            revenue_source_currency TEXT NOT NULL,
            revenue_reporting_amount INTEGER,
            revenue_reporting_currency TEXT NOT NULL,
            interactive INTEGER NOT NULL
        );
        CREATE INDEX events_site_timestamp ON events (site_id, timestamp);
        CREATE INDEX events_site_name_timestamp ON events (site_id, name, timestamp);
        """

    /// After Plausible's `sessions_v2`, one row per session (the state with the most events).
    /// The plain `timestamp` index serves the start-up query for recently active sessions.
    private static let v1Sessions = """
        CREATE TABLE sessions (
            session_id INTEGER PRIMARY KEY,
            site_id INTEGER NOT NULL,
            user_id INTEGER NOT NULL,
            hostname TEXT NOT NULL,
            start INTEGER NOT NULL,
            timestamp INTEGER NOT NULL,
            duration INTEGER NOT NULL,
            pageviews INTEGER NOT NULL,
            events INTEGER NOT NULL,
            is_bounce INTEGER NOT NULL,
            entry_page TEXT NOT NULL,
            exit_page TEXT NOT NULL,
            exit_page_hostname TEXT NOT NULL,
            referrer TEXT NOT NULL,
            referrer_source TEXT NOT NULL,
            utm_medium TEXT NOT NULL,
            utm_source TEXT NOT NULL,
            utm_campaign TEXT NOT NULL,
            utm_content TEXT NOT NULL,
            utm_term TEXT NOT NULL,
            click_id_param TEXT NOT NULL,
            acquisition_channel TEXT NOT NULL,
            country_code TEXT NOT NULL,
            subdivision1_code TEXT NOT NULL,
            subdivision2_code TEXT NOT NULL,
            city_geoname_id INTEGER NOT NULL,
            screen_size TEXT NOT NULL,
            operating_system TEXT NOT NULL,
            operating_system_version TEXT NOT NULL,
            browser TEXT NOT NULL,
            browser_version TEXT NOT NULL,
            entry_props TEXT NOT NULL
        );
        CREATE INDEX sessions_site_start ON sessions (site_id, start);
        CREATE INDEX sessions_site_timestamp ON sessions (site_id, timestamp);
        CREATE INDEX sessions_timestamp ON sessions (timestamp);
        """
}
