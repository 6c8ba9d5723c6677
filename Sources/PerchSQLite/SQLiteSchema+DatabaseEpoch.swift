/// Migration `v9-database-epoch` (frozen once shipped): a number every process that opens the
/// database replaces with a random one (`DatabaseOpening`), so a saved column snapshot can tell
/// whether any other process has had the database open since it was written.
extension SQLiteSchema {
    static let v9DatabaseEpoch = """
        CREATE TABLE database_epoch (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            epoch INTEGER NOT NULL
        );
        INSERT INTO database_epoch (id, epoch) VALUES (1, 0);
        """
}
