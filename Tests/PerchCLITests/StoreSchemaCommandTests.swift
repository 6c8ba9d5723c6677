import PerchClickHouse
import Testing

@testable import PerchCLI

/// `perch store schema`: the migrations' SQL, on one server or in its cluster form.
@Suite struct StoreSchemaCommandTests {
    /// `CREATE TABLE` statements, each by its first line.
    static func creations(_ text: String) -> [Substring] {
        text.split(separator: "\n").filter { $0.hasPrefix("CREATE TABLE") }
    }

    static let tables = ["schema_migrations"] + ClickHouseSchema.migrations.flatMap(\.creates).map(\.name)

    @Test func oneServerGetsEachTableOnceInTheNamedDatabase() throws {
        let text = try StoreSchemaCommand.text(database: "analytics", cluster: nil, replicated: false)
        #expect(text.hasPrefix("CREATE DATABASE IF NOT EXISTS analytics;"))
        #expect(!text.contains("ON CLUSTER") && !text.contains("Distributed") && !text.contains("Replicated"))
        #expect(Self.creations(text).count == Self.tables.count)
    }

    @Test func aClusterGetsALocalAndADistributedTableOfEach() throws {
        let text = try StoreSchemaCommand.text(database: nil, cluster: "c", replicated: false)
        let creations = Self.creations(text)
        #expect(creations.count == Self.tables.count * 2)
        #expect(creations.allSatisfy { $0.contains(" ON CLUSTER c ") })
        for table in Self.tables {
            #expect(
                creations.contains { $0.hasPrefix("CREATE TABLE IF NOT EXISTS perch.\(table)_local ON CLUSTER c (") })
            #expect(
                creations.contains {
                    $0.hasPrefix("CREATE TABLE IF NOT EXISTS perch.\(table) ON CLUSTER c AS perch.\(table)_local ")
                        && $0.contains("ENGINE = Distributed(c, perch, \(table)_local, ")
                })
        }
        // Events and sessions share the sharding key: a session's rows are on one shard.
        let keyOf = { (table: String) in
            creations.first { $0.hasPrefix("CREATE TABLE IF NOT EXISTS perch.\(table) ON") }?
                .split(separator: "\(table)_local, ").last
        }
        #expect(keyOf("events") == keyOf("sessions") && keyOf("events") != keyOf("sites"))
        #expect(!text.contains("Replicated"))
    }

    @Test func theReplicatedVariantReplicatesEveryLocalTable() throws {
        let text = try StoreSchemaCommand.text(database: "p", cluster: "c", replicated: true)
        let engines = text.split(separator: "\n").filter { $0.hasPrefix(") ENGINE = ") }
        #expect(engines.count == Self.tables.count)
        #expect(
            engines.allSatisfy {
                $0.hasPrefix(") ENGINE = Replicated") && $0.contains("'/clickhouse/tables/{shard}/p/")
            })
    }

    @Test func refusesWhatItCannotPrint() {
        #expect(throws: (any Error).self) { try StoreSchemaCommand.text(database: nil, cluster: nil, replicated: true) }
        #expect(throws: (any Error).self) {
            try StoreSchemaCommand.text(database: "a-b", cluster: nil, replicated: false)
        }
        #expect(throws: (any Error).self) {
            try StoreSchemaCommand.text(database: nil, cluster: "a b", replicated: false)
        }
    }
}
