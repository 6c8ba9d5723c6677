import PerchClickHouse
import Testing

@testable import PerchCLI

/// `--store`, `--clickhouse-url`, `--clickhouse-database`, `--clickhouse-cluster`,
/// `--clickhouse-replicated` and their variables.
@Suite struct StoreChoiceTests {
    static func resolve(
        store: String? = nil, url: String? = nil, database: String? = nil, cluster: String? = nil,
        replicated: Bool = false, _ environment: [String: String] = [:]
    ) throws -> StoreChoice {
        try StoreChoice.resolve(
            store: store, url: url, database: database, cluster: cluster, replicated: replicated, dataDirectory: "/d",
            environment: EnvironmentFallback(environment: environment))
    }

    @Test func oneServerUnlessAClusterIsNamed() throws {
        guard case .clickHouse(let single) = try Self.resolve(store: "clickhouse", url: "http://ch.test:8123") else {
            Issue.record("not clickhouse")
            return
        }
        #expect(single.cluster == nil && single.clusterLayout == nil)
        #expect(!single.settings.contains { $0.name == "insert_distributed_sync" })
        let choice = try Self.resolve(store: "clickhouse", url: "http://ch.test:8123", cluster: "analytics")
        guard case .clickHouse(let clustered) = choice else { Issue.record("not clickhouse"); return }
        #expect(clustered.cluster == (try ClickHouseCluster(name: "analytics")))
        #expect(clustered.settings.contains { $0 == ("insert_distributed_sync", "1") })
        #expect(choice.description.contains("cluster analytics"))
    }

    @Test func theClusterAndReplicationFromTheEnvironment() throws {
        let choice = try Self.resolve([
            "PERCH_STORE": "clickhouse", "PERCH_CLICKHOUSE_URL": "http://ch.test", "PERCH_CLICKHOUSE_CLUSTER": "c2",
            "PERCH_CLICKHOUSE_REPLICATED": "1",
        ])
        guard case .clickHouse(let configuration) = choice else { Issue.record("not clickhouse"); return }
        #expect(configuration.cluster == (try ClickHouseCluster(name: "c2", replicated: true)))
        #expect(configuration.settings.contains { $0 == ("insert_deduplicate", "0") })
        let flag = try Self.resolve(
            cluster: "c1",
            ["PERCH_STORE": "clickhouse", "PERCH_CLICKHOUSE_URL": "http://ch.test", "PERCH_CLICKHOUSE_CLUSTER": "c2"])
        guard case .clickHouse(let fromFlag) = flag else { Issue.record("not clickhouse"); return }
        #expect(fromFlag.cluster?.name == "c1" && fromFlag.cluster?.replicated == false)
    }

    @Test func sqliteInTheDataDirectoryByDefault() throws {
        guard case .sqlite(let path) = try Self.resolve() else { Issue.record("not sqlite"); return }
        #expect(path == "/d/perch.sqlite3")
    }

    @Test func flagsWinOverVariablesAndCredentialsComeFromTheirVariables() throws {
        let environment = [
            "PERCH_STORE": "sqlite", "PERCH_CLICKHOUSE_URL": "http://other:1",
            "PERCH_CLICKHOUSE_USER": "perch", "PERCH_CLICKHOUSE_PASSWORD": "s3cret",
        ]
        let choice = try Self.resolve(store: "clickhouse", url: "http://u:p@ch.test:8123", environment)
        guard case .clickHouse(let configuration) = choice else { Issue.record("not clickhouse"); return }
        #expect(configuration.endpoint.host == "ch.test" && configuration.endpoint.port == 8123)
        #expect(configuration.endpoint.user == "perch" && configuration.endpoint.password == "s3cret")
        #expect(configuration.database == "perch")
        #expect(!choice.description.contains("s3cret") && choice.description.contains("ch.test"))
    }

    @Test func everythingFromTheEnvironment() throws {
        let choice = try Self.resolve([
            "PERCH_STORE": "clickhouse", "PERCH_CLICKHOUSE_URL": "http://a:b@ch.test:9000",
            "PERCH_CLICKHOUSE_DATABASE": "analytics",
        ])
        guard case .clickHouse(let configuration) = choice else { Issue.record("not clickhouse"); return }
        #expect(configuration.endpoint.user == "a" && configuration.endpoint.password == "b")
        #expect(configuration.database == "analytics")
        #expect(!choice.description.contains(":b@"))
    }

    @Test func refusesWhatItCannotUse() {
        #expect(throws: ConfigurationError.self) { try Self.resolve(store: "mongo") }
        #expect(throws: ConfigurationError.self) { try Self.resolve(store: "clickhouse") }
        #expect(throws: ConfigurationError.self) { try Self.resolve(store: "clickhouse", url: "ftp://ch.test") }
        #expect(throws: ConfigurationError.self) {
            try Self.resolve(store: "clickhouse", url: "http://ch.test", database: "no-dashes")
        }
        #expect(throws: ConfigurationError.self) {
            try Self.resolve(store: "clickhouse", url: "http://ch.test", cluster: "no-dashes")
        }
        #expect(throws: ConfigurationError.self) {
            try Self.resolve(store: "clickhouse", url: "http://ch.test", replicated: true)
        }
    }
}
