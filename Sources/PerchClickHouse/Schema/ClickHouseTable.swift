/// A table as a migration creates it: columns in ClickHouse's canonical spelling of their types
/// (as `system.columns` reports them, e.g. `Decimal(18, 3)` rather than `Decimal64(3)`), so the
/// migration can check what the server made of it.
package struct ClickHouseTable: Sendable, Hashable {
    package struct Column: Sendable, Hashable {
        package var name: String
        package var type: String

        package init(_ name: String, _ type: String) {
            self.name = name
            self.type = type
        }
    }

    package var name: String
    package var columns: [Column]
    /// Everything after `ENGINE =`: the engine and its PARTITION BY, ORDER BY, … clauses.
    package var engine: String
    /// How its rows spread over a cluster's shards (`ClickHouseClusterLayout`).
    package var sharding: ClickHouseSharding

    package init(name: String, columns: [Column], engine: String, sharding: ClickHouseSharding = .whole) {
        self.name = name
        self.columns = columns
        self.engine = engine
        self.sharding = sharding
    }

    /// `CREATE TABLE IF NOT EXISTS`, so a migration interrupted half-way can run again.
    package var createStatement: String { createStatement(name: name, engine: engine) }

    /// The same columns under another name (or `name ON CLUSTER c`) and engine.
    func createStatement(name: String, engine: String) -> String {
        let body = columns.map { "    \(ClickHouseSQL.identifier($0.name)) \($0.type)" }.joined(separator: ",\n")
        return "CREATE TABLE IF NOT EXISTS \(name) (\n\(body)\n) ENGINE = \(engine)"
    }
}
