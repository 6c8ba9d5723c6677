import ArgumentParser
import PerchClickHouse

/// `perch store schema`: prints the SQL the ClickHouse migrations run on an empty database, on
/// one server or, with `--clickhouse-cluster` (and `--clickhouse-replicated`), on a cluster. Needs
/// no server: for review before letting Perch create its tables.
struct StoreSchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the SQL that creates Perch's ClickHouse tables (no server needed).",
        discussion: """
            The statements every command runs (skipping those already applied) when it migrates the \
            database named by --clickhouse-database: on one server, or with --clickhouse-cluster as local \
            tables plus Distributed ones, created ON CLUSTER (Replicated engines with \
            --clickhouse-replicated). --clickhouse-url is not used.
            """
    )

    @OptionGroup var clickHouse: ClickHouseOptions

    func run() throws {
        print(
            try Self.text(database: clickHouse.database, cluster: clickHouse.cluster, replicated: clickHouse.replicated)
        )
    }

    /// The statements, each ending in `;`, separated by blank lines.
    static func text(database: String?, cluster: String?, replicated: Bool) throws -> String {
        do {
            let database = database ?? "perch"
            guard ClickHouseSQL.isPlainIdentifier(database) else {
                throw ValidationError("the database name must be letters, digits and _, not starting with a digit")
            }
            guard !replicated || cluster != nil else {
                throw ValidationError("--clickhouse-replicated needs --clickhouse-cluster")
            }
            let cluster = try cluster.map { name throws(ClickHouseError) in
                try ClickHouseCluster(name: name, replicated: replicated)
            }
            return try ClickHouseSchema.statements(database: database, cluster: cluster).map { $0 + ";" }
                .joined(separator: "\n\n")
        } catch let error as ClickHouseError {
            throw ValidationError("\(error)")
        }
    }
}
