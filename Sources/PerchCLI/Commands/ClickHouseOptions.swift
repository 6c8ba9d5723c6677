import ArgumentParser

/// `--clickhouse-url` and `--clickhouse-database` (and their `PERCH_*` variables), shared by the
/// store flags of every command (`StoreOptions`) and by `perch store copy`, whose target they name.
struct ClickHouseOptions: ParsableArguments {
    @Option(
        name: .customLong("clickhouse-url"),
        help:
            "ClickHouse's HTTP interface, http://[USER[:PASSWORD]@]HOST:8123 (env PERCH_CLICKHOUSE_URL; or PERCH_CLICKHOUSE_USER and PERCH_CLICKHOUSE_PASSWORD)."
    )
    var url: String?

    @Option(
        name: .customLong("clickhouse-database"),
        help: "ClickHouse database, created if missing (env PERCH_CLICKHOUSE_DATABASE, default perch).")
    var database: String?
}
