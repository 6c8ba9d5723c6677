/// Migration `v2-shields-drops` (frozen once shipped): shield rules with their change counter,
/// hourly drop counts, and the per-site debug-drops switch.
extension SQLiteSchema {
    /// `shields_version` moves on every change to `shield_rules`, through triggers, so a server
    /// polling it sees rules edited by another process (the CLI). Rules stay with a removed site's
    /// id, so re-adding the site brings them back with its data.
    static let v2ShieldsAndDrops = """
        CREATE TABLE shield_rules (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            site_id INTEGER NOT NULL REFERENCES sites (id),
            kind TEXT NOT NULL,
            value TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            UNIQUE (site_id, kind, value)
        );
        CREATE TABLE shields_version (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            version INTEGER NOT NULL
        );
        INSERT INTO shields_version (id, version) VALUES (1, 0);
        CREATE TRIGGER shield_rules_inserted AFTER INSERT ON shield_rules
            BEGIN UPDATE shields_version SET version = version + 1; END;
        CREATE TRIGGER shield_rules_updated AFTER UPDATE ON shield_rules
            BEGIN UPDATE shields_version SET version = version + 1; END;
        CREATE TRIGGER shield_rules_deleted AFTER DELETE ON shield_rules
            BEGIN UPDATE shields_version SET version = version + 1; END;
        CREATE TABLE drop_counts (
            domain TEXT NOT NULL,
            reason TEXT NOT NULL,
            hour INTEGER NOT NULL,
            count INTEGER NOT NULL,
            PRIMARY KEY (domain, reason, hour)
        ) WITHOUT ROWID;
        CREATE INDEX drop_counts_hour ON drop_counts (hour);
        ALTER TABLE sites ADD COLUMN debug_drops INTEGER NOT NULL DEFAULT 0;
        """
}
