extension ClickHouseSchema {
    /// The statements that create the database and the migrations' table, on one server or on a
    /// cluster: what `ClickHouseMigrator` runs first, every time.
    package static func setupStatements(database: String, layout: ClickHouseClusterLayout?) -> [String] {
        guard let layout else {
            return ["CREATE DATABASE IF NOT EXISTS \(database)", migrationsTable.createStatement]
        }
        return [layout.createDatabase] + layout.createStatements(migrationsTable)
    }

    /// Every statement migrating an empty database runs, in order, without the checks and the
    /// records of applied versions: what `perch store schema` prints for review.
    package static func statements(
        database: String, cluster: ClickHouseCluster?, migrations: [ClickHouseMigration] = migrations
    ) throws(ClickHouseError) -> [String] {
        let layout = cluster.map { ClickHouseClusterLayout(cluster: $0, database: database) }
        var statements = setupStatements(database: database, layout: layout)
        for migration in migrations {
            let steps = if let layout { try migration.clusterForm(layout).statements } else { migration.statements }
            statements += steps
        }
        return statements
    }
}
