/// Migration `v11-stored-commits` (frozen once shipped): one row per commit that changed events
/// or sessions, written in that commit's transaction (`StoredCommitLog`): the event numbers it
/// took and the earliest event or session instant it wrote. A column snapshot older than the
/// database is caught up from it after a crash, when the process's own commit log is gone.
extension SQLiteSchema {
    static let v11StoredCommits = """
        CREATE TABLE stored_commits (
            id INTEGER PRIMARY KEY,
            first_seq INTEGER NOT NULL,
            last_seq INTEGER NOT NULL,
            earliest INTEGER NOT NULL
        );
        """
}
