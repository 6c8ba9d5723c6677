/// How a table's rows spread over the shards of a cluster (`--clickhouse-cluster`): the sharding
/// key of its `Distributed` table. Ignored on a single server.
package enum ClickHouseSharding: Sendable, Hashable {
    /// Every row on the first shard (sharding key `0`): small configuration tables, read whole
    /// and consistently from any node through their `Distributed` table.
    case whole
    /// Rows spread by this expression of the row's columns.
    case by(String)

    /// All rows of a visitor on one site, so all rows of a session, on one shard: events and
    /// sessions use the same key, so each session's states sum on one shard, and shard-local joins
    /// would be right (18.16 needs `global` ones instead: `ClickHouseCluster.settings`).
    package static let bySession = ClickHouseSharding.by("cityHash64(site_id, user_id)")

    /// The expression given to `Distributed(…)`.
    package var key: String {
        switch self {
        case .whole: "0"
        case .by(let expression): expression
        }
    }
}
