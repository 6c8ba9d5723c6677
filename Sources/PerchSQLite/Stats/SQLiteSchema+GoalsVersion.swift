/// Migration `v6-goals-version` (frozen once shipped): a site's revenue goals are part of what the
/// server's site directory holds (ingestion stores revenue only for them), so changing a goal moves
/// `sites_version` as changing a site does, and a running server reloads on its next check.
extension SQLiteSchema {
    static let v6GoalsVersion = """
        CREATE TRIGGER goals_inserted AFTER INSERT ON goals
            BEGIN UPDATE sites_version SET version = version + 1; END;
        CREATE TRIGGER goals_updated AFTER UPDATE ON goals
            BEGIN UPDATE sites_version SET version = version + 1; END;
        CREATE TRIGGER goals_deleted AFTER DELETE ON goals
            BEGIN UPDATE sites_version SET version = version + 1; END;
        """
}
