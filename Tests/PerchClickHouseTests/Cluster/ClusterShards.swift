import PerchClickHouse

/// The shards of a test cluster as `system.clusters` lists them, for reading one shard's local
/// table with `remote('host:port', database, table)` (the cluster's servers let `default` in
/// without a password from loopback).
struct ClusterShards {
    let database: String
    /// `host:port` (TCP) of each shard's first replica, by shard number.
    let addresses: [String]

    init(client: ClickHouseClient, cluster: ClickHouseCluster) throws {
        database = client.configuration.database
        addresses = try client.queryBlocking(
            """
            SELECT host_name, port FROM system.clusters
            WHERE cluster = \(ClickHouseSQL.literal(cluster.name)) AND replica_num = 1 ORDER BY shard_num
            """
        ).rows.map { "\(try $0[0].string()):\(try $0[1].uint64())" }
    }

    /// The table function reading `database.table` (the test's database by default) on shard
    /// `index` (from 0) only.
    func remote(_ index: Int, _ table: String, database: String? = nil) -> String {
        "remote(\(ClickHouseSQL.literal(addresses[index])), \(database ?? self.database), \(table))"
    }
}
