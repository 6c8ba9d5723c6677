/// Migration `v7-event-ids` (frozen once shipped): the idempotency keys of events stored through
/// the batch endpoint, written in the same transaction as the events, kept 48 hours.
extension SQLiteSchema {
    static let v7EventIDs = """
        CREATE TABLE event_ids (
            key TEXT PRIMARY KEY,
            timestamp INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX event_ids_timestamp ON event_ids (timestamp);
        """
}
