/// The cluster variant of the schema: each table of a migration becomes a local table named
/// `<table>_local`, created `ON CLUSTER` on every server, plus a `Distributed` table with the
/// table's own name over them, sharded by the table's `ClickHouseSharding`. Perch reads and
/// writes the `Distributed` tables, so its queries are the same as on one server; only deletes
/// address the local tables (`ALTER … ON CLUSTER`).
package struct ClickHouseClusterLayout: Sendable, Hashable {
    package var cluster: ClickHouseCluster
    package var database: String

    package init(cluster: ClickHouseCluster, database: String) {
        self.cluster = cluster
        self.database = database
    }

    /// The name of a table's local part on each server.
    package static func localName(of table: String) -> String { table + "_local" }

    /// `database.table`: distributed DDL runs on the other servers without the request's database.
    package func qualified(_ table: String) -> String { "\(database).\(table)" }

    package var createDatabase: String {
        "CREATE DATABASE IF NOT EXISTS \(database) ON CLUSTER \(cluster.name)"
    }

    /// The local table, then the `Distributed` one.
    package func createStatements(_ table: ClickHouseTable) -> [String] {
        let local = Self.localName(of: table.name)
        return [
            table.createStatement(name: qualified(local) + " ON CLUSTER \(cluster.name)", engine: localEngine(table)),
            """
            CREATE TABLE IF NOT EXISTS \(qualified(table.name)) ON CLUSTER \(cluster.name) AS \(qualified(local)) \
            ENGINE = Distributed(\(cluster.name), \(database), \(local), \(table.sharding.key))
            """,
        ]
    }

    /// Both tables as a migration checks them: the same columns.
    package func checkedTables(_ table: ClickHouseTable) -> [ClickHouseTable] {
        var local = table
        local.name = Self.localName(of: table.name)
        return [local, table]
    }

    /// The table's engine, or its `Replicated…` form: `ReplicatedXMergeTree('/clickhouse/tables/
    /// {shard}/DATABASE/TABLE_local', '{replica}', ARGUMENTS…)` followed by the same clauses.
    package func localEngine(_ table: ClickHouseTable) -> String {
        guard cluster.replicated else { return table.engine }
        let engine = table.engine
        let name = engine.prefix { $0.isLetter }
        precondition(name.hasSuffix("MergeTree"), "only MergeTree engines have a replicated form")
        var rest = engine.dropFirst(name.count)
        var arguments = ""
        if rest.first == "(", let close = rest.firstIndex(of: ")") {
            arguments = String(rest[rest.index(after: rest.startIndex)..<close])
            rest = rest[rest.index(after: close)...]
        }
        let path = ClickHouseSQL.literal(
            "/clickhouse/tables/{shard}/\(database)/\(Self.localName(of: table.name))")
        let replica = ClickHouseSQL.literal("{replica}")
        let all = [path, replica] + (arguments.isEmpty ? [] : [arguments])
        return "Replicated\(name)(\(all.joined(separator: ", ")))\(rest)"
    }
}
