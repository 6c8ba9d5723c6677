/// Migration 1 (frozen once shipped): events and sessions, after Plausible's `events_v2` and
/// `sessions_v2` (spec §10) with the columns of Perch's SQLite store, so the same rows fit both.
///
/// Differences from Plausible's tables, on purpose:
/// * Text columns are plain `String` (no LowCardinality: experimental in 18.16), `country_code`
///   and the currencies included, so an empty value reads back as `""` rather than zero bytes.
/// * `acquisition_channel` is stored as ingestion computed it, not MATERIALIZED.
/// * events carry `interactive` (as the SQLite store does) and `journal_node`/`journal_sequence`:
///   which node's journal entry the row came from, so a batch replayed after a crash writes only
///   the rows that are missing (docs/clickhouse.md).
extension ClickHouseSchema {
    private static let v1VisitColumns: [ClickHouseTable.Column] = [
        .init("referrer", "String"),
        .init("referrer_source", "String"),
        .init("utm_medium", "String"),
        .init("utm_source", "String"),
        .init("utm_campaign", "String"),
        .init("utm_content", "String"),
        .init("utm_term", "String"),
        .init("click_id_param", "String"),
        .init("acquisition_channel", "String"),
        .init("country_code", "String"),
        .init("subdivision1_code", "String"),
        .init("subdivision2_code", "String"),
        .init("city_geoname_id", "UInt32"),
        .init("screen_size", "String"),
        .init("operating_system", "String"),
        .init("operating_system_version", "String"),
        .init("browser", "String"),
        .init("browser_version", "String"),
    ]

    static let v1Events = ClickHouseTable(
        name: "events",
        columns: [
            .init("timestamp", "DateTime"),
            .init("name", "String"),
            .init("site_id", "UInt64"),
            .init("user_id", "UInt64"),
            .init("session_id", "UInt64"),
            .init("hostname", "String"),
            .init("pathname", "String"),
        ] + v1VisitColumns + [
            // Explicit columns rather than Nested(key, value): chdb (ClickHouse 26) refuses
            // JSONEachRow rows naming `meta.key` for a Nested column; both engines take these.
            .init("meta.key", "Array(String)"),
            .init("meta.value", "Array(String)"),
            .init("scroll_depth", "UInt8"),
            .init("engagement_time", "UInt32"),
            .init("revenue_source_amount", "Nullable(Decimal(18, 3))"),
            .init("revenue_source_currency", "String"),
            .init("revenue_reporting_amount", "Nullable(Decimal(18, 3))"),
            .init("revenue_reporting_currency", "String"),
            .init("interactive", "UInt8"),
            .init("journal_node", "String"),
            .init("journal_sequence", "UInt64"),
        ],
        engine: """
            MergeTree
            PARTITION BY toYYYYMM(timestamp)
            PRIMARY KEY (site_id, toDate(timestamp), name, user_id)
            ORDER BY (site_id, toDate(timestamp), name, user_id, timestamp)
            SAMPLE BY user_id
            SETTINGS index_granularity = 8192
            """,
        sharding: .bySession
    )

    /// A session's states: each change writes the previous state again with `sign = -1` and the
    /// new one with `sign = 1`; `events` (which grows with every change) is the version, so pairs
    /// cancel out in merges whatever order they arrive in. Readers sum with `sign`.
    static let v1Sessions = ClickHouseTable(
        name: "sessions",
        columns: [
            .init("session_id", "UInt64"),
            .init("site_id", "UInt64"),
            .init("user_id", "UInt64"),
            .init("sign", "Int8"),
            .init("hostname", "String"),
            .init("start", "DateTime"),
            .init("timestamp", "DateTime"),
            .init("duration", "UInt32"),
            .init("pageviews", "Int32"),
            .init("events", "Int32"),
            .init("is_bounce", "UInt8"),
            .init("entry_page", "String"),
            .init("exit_page", "String"),
            .init("exit_page_hostname", "String"),
        ] + v1VisitColumns + [
            .init("entry_meta.key", "Array(String)"),
            .init("entry_meta.value", "Array(String)"),
        ],
        engine: """
            VersionedCollapsingMergeTree(sign, events)
            PARTITION BY toYYYYMM(start)
            ORDER BY (site_id, toDate(start), user_id, session_id)
            SAMPLE BY user_id
            SETTINGS index_granularity = 8192
            """,
        sharding: .bySession
    )
}
