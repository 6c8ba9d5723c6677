/// One forward-only step of the ClickHouse schema. Frozen once shipped: plain SQL text that never
/// refers to app types; a change is a new migration with the next version.
///
/// Statements must be safe to run again (`IF NOT EXISTS`), because a migration interrupted after
/// some of them is run again from its start. After running them the migrator checks `expected`:
/// each table must exist with at least these columns, of exactly these types.
package struct ClickHouseMigration: Sendable {
    package var version: Int
    package var name: String
    package var statements: [String]
    package var expected: [ClickHouseTable]
    /// The tables its statements create, when that is all they do: then it has a cluster form
    /// (`ClickHouseClusterLayout`), the same tables as local plus `Distributed` ones.
    package var creates: [ClickHouseTable]

    package init(version: Int, name: String, statements: [String], expected: [ClickHouseTable]) {
        self.version = version
        self.name = name
        self.statements = statements
        self.expected = expected
        self.creates = []
    }

    /// A migration that creates tables, and checks them.
    package init(version: Int, name: String, creating tables: [ClickHouseTable]) {
        self.init(version: version, name: name, statements: tables.map(\.createStatement), expected: tables)
        creates = tables
    }

    /// The statements to run on a cluster, and the tables to check there. A migration made of other
    /// statements has no cluster form yet: it is refused rather than run on one server only.
    func clusterForm(_ layout: ClickHouseClusterLayout) throws(ClickHouseError) -> (
        statements: [String], expected: [ClickHouseTable]
    ) {
        guard statements == creates.map(\.createStatement) else {
            throw .migration(
                version: version, reason: "this migration has no form for a cluster (--clickhouse-cluster)")
        }
        return (creates.flatMap(layout.createStatements), creates.flatMap(layout.checkedTables))
    }
}
