/// Brings a ClickHouse database to the newest schema Perch knows: creates the database, then
/// runs each migration not yet recorded in `schema_migrations`, in order, checks its result
/// against what it declares, and only then records it. Refuses a database that a newer Perch
/// migrated further. Blocking (it runs once, at start-up or from the CLI): from async code call
/// it through `BlockingWork`.
package struct ClickHouseMigrator: Sendable {
    package let client: ClickHouseClient
    package let migrations: [ClickHouseMigration]

    package init(client: ClickHouseClient, migrations: [ClickHouseMigration] = ClickHouseSchema.migrations) {
        precondition(
            zip(migrations, migrations.dropFirst()).allSatisfy { $0.version < $1.version },
            "migrations are in increasing version order")
        self.client = client
        self.migrations = migrations
    }

    /// Versions applied now, in order (empty when the schema was already current).
    @discardableResult
    package func migrate(now: Int64) throws(ClickHouseError) -> [Int] {
        let database = client.configuration.database
        try client.executeBlocking("CREATE DATABASE IF NOT EXISTS \(database)", inDatabase: false)
        try client.executeBlocking(ClickHouseSchema.migrationsTable.createStatement)
        let applied = try appliedVersions()
        if let newest = applied.max(), newest > (migrations.last?.version ?? 0) {
            throw .migration(
                version: newest,
                reason: "the database \(database) was migrated by a newer Perch; this one knows versions up to "
                    + "\(migrations.last?.version ?? 0)")
        }
        var done: [Int] = []
        for migration in migrations where !applied.contains(migration.version) {
            for statement in migration.statements {
                try client.executeBlocking(statement)
            }
            try check(migration)
            var row = JSONEachRowWriter()
            row.beginRow()
            row.field("version", migration.version)
            row.field("name", migration.name)
            row.field("applied_at", now)
            row.endRow()
            try client.insertBlocking(
                into: ClickHouseSchema.migrationsTable.name, columns: ["version", "name", "applied_at"], rows: row)
            done.append(migration.version)
        }
        return done
    }

    /// The versions recorded in `schema_migrations`.
    package func appliedVersions() throws(ClickHouseError) -> Set<Int> {
        let result = try client.queryBlocking("SELECT DISTINCT version FROM \(ClickHouseSchema.migrationsTable.name)")
        var versions: Set<Int> = []
        for row in result.rows { versions.insert(Int(try row[0].int64())) }
        return versions
    }

    /// Each declared table exists with each declared column of exactly the declared type.
    private func check(_ migration: ClickHouseMigration) throws(ClickHouseError) {
        guard !migration.expected.isEmpty else { return }
        let tables = ClickHouseSQL.list(migration.expected.map(\.name).map(ClickHouseSQL.literal))
        let result = try client.queryBlocking(
            """
            SELECT table, name, type FROM system.columns
            WHERE database = \(ClickHouseSQL.literal(client.configuration.database)) AND table IN \(tables)
            """)
        var actual: [String: [String: String]] = [:]
        for row in result.rows {
            actual[try row[0].string(), default: [:]][try row[1].string()] = try row[2].string()
        }
        for table in migration.expected {
            guard let columns = actual[table.name] else {
                throw .migration(version: migration.version, reason: "table \(table.name) was not created")
            }
            for column in table.columns where columns[column.name] != column.type {
                let found = columns[column.name].map { "is \($0)" } ?? "is missing"
                throw .migration(
                    version: migration.version,
                    reason: "column \(table.name).\(column.name) \(found), expected \(column.type)")
            }
        }
    }
}
