import Glibc
import PerchCore

/// The ClickHouse store's roles besides writing events (`ClickHouseEventStore`): what every Perch
/// node shares. Calls block on HTTP: run them off the event loops, through `BlockingWork`.
package struct ClickHouseStore: Sendable {
    package let client: ClickHouseClient
    /// How long a delete waits for ClickHouse to finish rewriting the table (mutations run in the
    /// background), so that a read right after it no longer sees the rows.
    package var mutationTimeout: Duration = .seconds(30)
    /// Times the configuration rows' `created_at`, `removed_at` and versions.
    package var clock: any WallClock

    package init(client: ClickHouseClient, clock: any WallClock = SystemWallClock()) {
        self.client = client
        self.clock = clock
    }

    /// `ALTER TABLE table DELETE WHERE condition`, only if some row matches (a mutation rewrites
    /// parts, too costly to issue every minute for nothing), then waits until it is done. On a
    /// cluster the mutation is of the local tables, `ON CLUSTER`, and the wait is for every shard.
    package func delete(from table: String, where condition: String) throws(ClickHouseError) {
        let matching = try client.queryBlocking("SELECT count() FROM \(table) WHERE \(condition)").scalar().uint64()
        guard matching > 0 else { return }
        let target = localTable(table)
        try client.executeBlocking("ALTER TABLE \(target.statementName) DELETE WHERE \(condition)")
        let pending = """
            SELECT count() FROM \(systemTable("mutations"))
            WHERE database = \(ClickHouseSQL.literal(client.configuration.database))
              AND table = \(ClickHouseSQL.literal(target.name)) AND is_done = 0
            """
        let deadline = ContinuousClock.now + mutationTimeout
        while try client.queryBlocking(pending).scalar().uint64() > 0 {
            guard ContinuousClock.now < deadline else {
                throw .unexpectedResponse("the delete from \(table) did not finish within \(mutationTimeout)")
            }
            usleep(20_000)
        }
    }

    /// Where an `ALTER` of `table` goes: the table itself on one server; on a cluster its local
    /// table on every server (`db.table_local ON CLUSTER c`). `name` is what `system.*` calls it.
    package func localTable(_ table: String) -> (name: String, statementName: String) {
        guard let layout = client.configuration.clusterLayout else { return (table, table) }
        let local = ClickHouseClusterLayout.localName(of: table)
        return (local, "\(layout.qualified(local)) ON CLUSTER \(layout.cluster.name)")
    }

    /// `system.NAME` of this server, or on a cluster of one server of every shard.
    package func systemTable(_ name: String) -> String {
        guard let cluster = client.configuration.cluster else { return "system.\(name)" }
        return "cluster(\(ClickHouseSQL.literal(cluster.name)), system, \(name))"
    }
}
