/// Migration 2 (frozen once shipped): what every Perch node shares besides events and sessions,
/// so there is no second database to run. Columns follow the SQLite store's tables.
///
/// Config tables are small and versioned: a change is a new row for the same key with a higher
/// `version` (ReplacingMergeTree keeps the highest once merged); readers take the newest row per
/// key (`argMax(…, version)` or `FINAL`), and a node notices a change by polling `max(version)`.
/// Removal is a row with `removed`/`removed_at` set, so ids are never reused.
extension ClickHouseSchema {
    static let v2Sites = ClickHouseTable(
        name: "sites",
        columns: [
            .init("id", "Int64"),
            .init("domain", "String"),
            .init("timezone", "String"),
            .init("rate_limit_per_minute", "Nullable(Int64)"),
            .init("burst", "Int64"),
            .init("debug_drops", "UInt8"),
            .init("created_at", "DateTime"),
            .init("removed_at", "Nullable(DateTime)"),
            .init("version", "UInt64"),
        ],
        engine: "ReplacingMergeTree(version) ORDER BY id"
    )

    static let v2Shields = ClickHouseTable(
        name: "shield_rules",
        columns: [
            .init("id", "Int64"),
            .init("site_id", "Int64"),
            .init("kind", "String"),
            .init("value", "String"),
            .init("created_at", "DateTime"),
            .init("removed", "UInt8"),
            .init("version", "UInt64"),
        ],
        engine: "ReplacingMergeTree(version) ORDER BY (site_id, kind, value)"
    )

    /// An event-name goal or a page goal (exactly one of the two is set), as in SQLite.
    static let v2Goals = ClickHouseTable(
        name: "goals",
        columns: [
            .init("id", "Int64"),
            .init("site_id", "Int64"),
            .init("event_name", "Nullable(String)"),
            .init("page_path", "Nullable(String)"),
            .init("currency", "Nullable(String)"),
            .init("created_at", "DateTime"),
            .init("removed", "UInt8"),
            .init("version", "UInt64"),
        ],
        engine: "ReplacingMergeTree(version) ORDER BY (site_id, id)"
    )

    /// Only the SHA-256 of a key's secret is kept; a revoked key keeps its row.
    static let v2APIKeys = ClickHouseTable(
        name: "api_keys",
        columns: [
            .init("id", "Int64"),
            .init("key_hash", "String"),
            .init("prefix", "String"),
            .init("site_id", "Nullable(Int64)"),
            .init("hourly_limit", "Int64"),
            .init("created_at", "DateTime"),
            .init("revoked_at", "Nullable(DateTime)"),
            .init("version", "UInt64"),
        ],
        engine: "ReplacingMergeTree(version) ORDER BY id"
    )

    /// Daily salts, hex-encoded. Two nodes making the salt for the same instant both insert; every
    /// reader takes the smallest salt per `created_at`, so all nodes agree on one. Old salts are
    /// deleted for real (`ALTER TABLE … DELETE`), not marked: they must leave the disk.
    static let v2Salts = ClickHouseTable(
        name: "salts",
        columns: [.init("created_at", "DateTime"), .init("salt", "String")],
        engine: "ReplacingMergeTree ORDER BY (created_at, salt)"
    )

    /// Hourly drop counts: inserts add up (SummingMergeTree); readers still `sum(count)`.
    static let v2DropCounts = ClickHouseTable(
        name: "drop_counts",
        columns: [
            .init("domain", "String"),
            .init("reason", "String"),
            .init("hour", "DateTime"),
            .init("count", "UInt64"),
        ],
        engine: "SummingMergeTree(count) PARTITION BY toYYYYMM(hour) ORDER BY (domain, reason, hour)"
    )

    /// Each node's applied journal position: rows only grow; readers take `max(sequence)`.
    static let v2JournalPositions = ClickHouseTable(
        name: "journal_positions",
        columns: [.init("node", "String"), .init("sequence", "UInt64"), .init("updated_at", "DateTime")],
        engine: "ReplacingMergeTree(sequence) ORDER BY node"
    )

    /// The batch endpoint's idempotency keys, kept 48 hours: a day's partition is dropped whole.
    /// A key written twice (a replayed batch) is one row once merged; readers take distinct keys.
    static let v2EventIDs = ClickHouseTable(
        name: "event_ids",
        columns: [.init("key", "String"), .init("timestamp", "DateTime")],
        engine: "ReplacingMergeTree PARTITION BY toYYYYMMDD(timestamp) ORDER BY key",
        sharding: .by("cityHash64(key)")
    )
}
