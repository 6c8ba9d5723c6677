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
        let layout = client.configuration.clusterLayout
        for (index, statement) in ClickHouseSchema.setupStatements(database: database, layout: layout).enumerated() {
            // The first creates the database: it cannot be the request's database yet.
            try client.executeBlocking(statement, inDatabase: index > 0)
        }
        let applied = try appliedVersions()
        if let newest = applied.max(), newest > (migrations.last?.version ?? 0) {
            throw .migration(
                version: newest,
                reason: "the database \(database) was migrated by a newer Perch; this one knows versions up to "
                    + "\(migrations.last?.version ?? 0)")
        }
        var done: [Int] = []
        for migration in migrations where !applied.contains(migration.version) {
            let statements =
                if let layout { try migration.clusterForm(layout).statements } else { migration.statements }
            for statement in statements {
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

    /// What `migration` declares is there: on this server, or on a cluster its local and
    /// `Distributed` tables on one server of every shard.
    package func check(_ migration: ClickHouseMigration) throws(ClickHouseError) {
        let expected =
            if let layout = client.configuration.clusterLayout {
                try migration.clusterForm(layout).expected
            } else { migration.expected }
        try check(expected, version: migration.version)
    }

    /// Each declared table exists with each declared column of exactly the declared type: on this
    /// server, or on a cluster on one server of every shard (`cluster(…, system.columns)`).
    private func check(_ expected: [ClickHouseTable], version: Int) throws(ClickHouseError) {
        guard !expected.isEmpty else { return }
        let tables = ClickHouseSQL.list(expected.map(\.name).map(ClickHouseSQL.literal))
        let database = ClickHouseSQL.literal(client.configuration.database)
        var source = "system.columns"
        var shards: UInt64 = 1
        if let cluster = client.configuration.cluster {
            let name = ClickHouseSQL.literal(cluster.name)
            source = "cluster(\(name), system, columns)"
            shards = try client.queryBlocking(
                "SELECT uniqExact(shard_num) FROM system.clusters WHERE cluster = \(name)"
            ).scalar().uint64()
            guard shards > 0 else {
                throw .migration(version: version, reason: "this server knows no cluster \(cluster.name)")
            }
        }
        let result = try client.queryBlocking(
            """
            SELECT table, name, type, count() FROM \(source)
            WHERE database = \(database) AND table IN \(tables)
            GROUP BY table, name, type
            """)
        var actual: [String: [String: String]] = [:]
        for row in result.rows where try row[3].uint64() == shards {
            actual[try row[0].string(), default: [:]][try row[1].string()] = try row[2].string()
        }
        for table in expected {
            guard let columns = actual[table.name] else {
                throw .migration(version: version, reason: "table \(table.name) was not created" + onSomeShard(shards))
            }
            for column in table.columns where columns[column.name] != column.type {
                let found = columns[column.name].map { "is \($0)" } ?? "is missing"
                throw .migration(
                    version: version,
                    reason:
                        "column \(table.name).\(column.name) \(found)\(onSomeShard(shards)), expected \(column.type)")
            }
        }
    }

    private func onSomeShard(_ shards: UInt64) -> String { shards > 1 ? " on some shard" : "" }
}
