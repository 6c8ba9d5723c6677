import PerchClickHouse
import Testing

@testable import PerchCLI

/// `--store`, `--clickhouse-url`, `--clickhouse-database` and their variables.
@Suite struct StoreChoiceTests {
    static func resolve(
        store: String? = nil, url: String? = nil, database: String? = nil, _ environment: [String: String] = [:]
    ) throws -> StoreChoice {
        try StoreChoice.resolve(
            store: store, url: url, database: database, dataDirectory: "/d",
            environment: EnvironmentFallback(environment: environment))
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
    }
}
