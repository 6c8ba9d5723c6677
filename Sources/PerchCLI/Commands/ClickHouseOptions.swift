import ArgumentParser

/// `--clickhouse-url`, `--clickhouse-database`, `--clickhouse-cluster` and
/// `--clickhouse-replicated` (and their `PERCH_*` variables), shared by the store flags of every
/// command (`StoreOptions`) and by `perch store copy`, whose target they name.
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

    @Option(
        name: .customLong("clickhouse-cluster"),
        help:
            "Spread the tables over this ClickHouse cluster (from the servers' remote_servers, which need a zookeeper section): local tables created ON CLUSTER plus Distributed ones sharded by visitor (env PERCH_CLICKHOUSE_CLUSTER)."
    )
    var cluster: String?

    @Flag(
        name: .customLong("clickhouse-replicated"),
        help:
            "With --clickhouse-cluster: local tables are ReplicatedMergeTree, kept alike on each shard's replicas (servers define the {shard} and {replica} macros; env PERCH_CLICKHOUSE_REPLICATED=1)."
    )
    var replicated = false
}
