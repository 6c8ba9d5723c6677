/// Perch's ClickHouse schema, as migrations in version order. Written for ClickHouse 18.16
/// (Debian's) and current releases alike: no DateTime64, TTL, codecs, LowCardinality or data
/// skipping indexes, which 18.16 lacks or keeps behind experimental settings.
package enum ClickHouseSchema {
    package static let migrations: [ClickHouseMigration] = [
        ClickHouseMigration(version: 1, name: "events-sessions", creating: [v1Events, v1Sessions]),
        ClickHouseMigration(
            version: 2, name: "shared-config",
            creating: [v2Sites, v2Shields, v2Goals, v2APIKeys, v2Salts, v2DropCounts, v2JournalPositions, v2EventIDs]
        ),
        ClickHouseMigration(
            version: 3, name: "dashboard-accounts",
            creating: [v3Users, v3LoginSessions, v3SharedLinks, v3SigningSecret]),
    ]

    /// The table recording applied migrations. Several nodes may migrate at once (every statement
    /// is idempotent), so a version can be recorded twice; readers take distinct versions.
    static let migrationsTable = ClickHouseTable(
        name: "schema_migrations",
        columns: [.init("version", "UInt32"), .init("name", "String"), .init("applied_at", "DateTime")],
        engine: "ReplacingMergeTree ORDER BY version"
    )
}
