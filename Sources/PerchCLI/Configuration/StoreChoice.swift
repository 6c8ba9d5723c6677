import PerchClickHouse

/// Which store `perch` works on, resolved from `--store`, `--clickhouse-url`,
/// `--clickhouse-database`, `--clickhouse-cluster`, `--clickhouse-replicated` and their `PERCH_*`
/// variables.
enum StoreChoice: Sendable, CustomStringConvertible {
    /// The embedded database in the data directory (the default).
    case sqlite(path: String)
    /// A ClickHouse database; the data directory still holds the journal.
    case clickHouse(ClickHouseConfiguration)

    /// - Parameters:
    ///   - store, url, database, cluster: the flags (nil when not given); replicated: the flag.
    ///   - dataDirectory: where SQLite's file lives.
    static func resolve(
        store: String?, url: String?, database: String?, cluster: String? = nil, replicated: Bool = false,
        dataDirectory: String, environment env: EnvironmentFallback
    ) throws(ConfigurationError) -> StoreChoice {
        let kind = env.value(flag: store, variable: "PERCH_STORE", default: "sqlite")
        switch kind {
        case "sqlite":
            return .sqlite(path: dataDirectory + "/perch.sqlite3")
        case "clickhouse":
            let url = env.value(flag: url, variable: "PERCH_CLICKHOUSE_URL", default: "")
            guard !url.isEmpty else {
                throw ConfigurationError(
                    description: "--store clickhouse needs --clickhouse-url (or PERCH_CLICKHOUSE_URL), "
                        + "e.g. http://127.0.0.1:8123")
            }
            let name = env.value(flag: database, variable: "PERCH_CLICKHOUSE_DATABASE", default: "perch")
            let clusterName = env.value(flag: cluster, variable: "PERCH_CLICKHOUSE_CLUSTER", default: "")
            let replicated = replicated || env.environment["PERCH_CLICKHOUSE_REPLICATED"] == "1"
            guard !replicated || !clusterName.isEmpty else {
                throw ConfigurationError(description: "--clickhouse-replicated needs --clickhouse-cluster")
            }
            do {
                return .clickHouse(
                    try ClickHouseConfiguration(
                        url: url, user: env.environment["PERCH_CLICKHOUSE_USER"],
                        password: env.environment["PERCH_CLICKHOUSE_PASSWORD"], database: name,
                        cluster: clusterName.isEmpty
                            ? nil : ClickHouseCluster(name: clusterName, replicated: replicated)
                    ).forServerOnThisMachine())
            } catch {
                // The error describes the URL without its password.
                throw ConfigurationError(description: "invalid ClickHouse settings: \(error)")
            }
        default:
            throw .invalid("--store", kind, "expected sqlite or clickhouse")
        }
    }

    /// For logs: the SQLite path, or ClickHouse's endpoint and database, never a password.
    var description: String {
        switch self {
        case .sqlite(let path): "sqlite \(path)"
        case .clickHouse(let configuration): "clickhouse \(configuration)"
        }
    }
}
