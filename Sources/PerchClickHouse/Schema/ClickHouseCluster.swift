/// A ClickHouse cluster Perch spreads its tables over (`--clickhouse-cluster NAME`): a name from
/// the servers' `<remote_servers>`, which must also configure a coordinator (`<zookeeper>`), since
/// the tables are created `ON CLUSTER`.
package struct ClickHouseCluster: Sendable, Hashable, CustomStringConvertible {
    package let name: String
    /// Local tables are `Replicated…MergeTree` (each shard's replicas kept alike through the
    /// coordinator; the servers define the `{shard}` and `{replica}` macros) rather than plain ones.
    package let replicated: Bool

    package init(name: String, replicated: Bool = false) throws(ClickHouseError) {
        guard ClickHouseSQL.isPlainIdentifier(name) else {
            throw .invalidConfiguration("the cluster name must be letters, digits and _, not starting with a digit")
        }
        self.name = name
        self.replicated = replicated
    }

    /// Settings every request to a cluster carries:
    /// * `insert_distributed_sync=1`: an insert into a `Distributed` table returns once every
    ///   shard has stored its rows (by default it queues them and returns at once), so a batch
    ///   acknowledged is stored before the journal position moves, and reads right after see it.
    /// * `distributed_product_mode=global`: an `IN`/`JOIN` subquery on a `Distributed` table inside
    ///   a query on one (the Stats reads' session filters and joins) runs once, over the whole
    ///   cluster, and its result goes to every shard (`GLOBAL IN`/`GLOBAL JOIN`); ClickHouse
    ///   refuses such queries by default. `local` (each shard joining its own rows) would be right
    ///   too, since a session's events and states share a shard (`ClickHouseSharding.bySession`),
    ///   but 18.16 loses the subquery's table alias when it rewrites the table (`Unknown
    ///   identifier: s.entry_page`).
    /// * `optimize_move_to_prewhere=0`: 18.16 fails `SELECT 1 FROM <Distributed> WHERE a AND b`
    ///   (the Stats reads' "any rows?" check) with `Cannot find column greaterOrEquals(…)` when it
    ///   moves conditions to PREWHERE.
    /// * replicated: `insert_deduplicate=0`, since replicated tables drop a block equal to one
    ///   inserted before, and two equal blocks (two drop counts of one hour) must both count.
    package var settings: [(name: String, value: String)] {
        [
            ("insert_distributed_sync", "1"), ("distributed_product_mode", "global"),
            ("optimize_move_to_prewhere", "0"),
        ]
            + (replicated ? [("insert_deduplicate", "0")] : [])
    }

    package var description: String {
        replicated ? "cluster \(name) (replicated)" : "cluster \(name)"
    }
}
