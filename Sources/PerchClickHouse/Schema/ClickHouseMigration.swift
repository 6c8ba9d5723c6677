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

    package init(version: Int, name: String, statements: [String], expected: [ClickHouseTable]) {
        self.version = version
        self.name = name
        self.statements = statements
        self.expected = expected
    }

    /// A migration that creates tables, and checks them.
    package init(version: Int, name: String, creating tables: [ClickHouseTable]) {
        self.init(version: version, name: name, statements: tables.map(\.createStatement), expected: tables)
    }
}
