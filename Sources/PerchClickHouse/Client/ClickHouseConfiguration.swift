/// How to reach one ClickHouse database: the endpoint, who to be, which database, and the
/// settings sent with every request.
package struct ClickHouseConfiguration: Sendable, CustomStringConvertible {
    package var endpoint: ClickHouseEndpoint
    package var database: String
    /// The cluster the tables are spread over, or nil for one server.
    package private(set) var cluster: ClickHouseCluster?
    /// Sent as URL parameters with every request, after the client's own (they may override them).
    package var settings: [(name: String, value: String)]
    /// How long one request may take, connection included.
    package var requestTimeout: Duration
    /// Gzip INSERT bodies of at least this many bytes (`Content-Encoding: gzip`); nil never does.
    /// The CLI leaves it off for a loopback server (`forServerOnThisMachine`).
    package var compressInsertsFrom: Int?

    /// - Parameters:
    ///   - url: `http[s]://[user[:password]@]host[:port][/path]`.
    ///   - user, password: override those of the URL when given (`PERCH_CLICKHOUSE_USER`, …).
    ///   - database: a plain identifier (letters, digits, `_`), created by the migrations if missing.
    ///   - cluster: spread the tables over this cluster; its settings go before `settings`.
    package init(
        url: String, user: String? = nil, password: String? = nil, database: String = "perch",
        cluster: ClickHouseCluster? = nil, settings: [(name: String, value: String)] = [],
        requestTimeout: Duration = .seconds(30),
        compressInsertsFrom: Int? = 16 * 1024
    ) throws(ClickHouseError) {
        endpoint = try ClickHouseEndpoint(url: url)
        if let user { endpoint.user = user }
        if let password { endpoint.password = password }
        guard ClickHouseSQL.isPlainIdentifier(database) else {
            throw .invalidConfiguration("the database name must be letters, digits and _, not starting with a digit")
        }
        for setting in settings where !ClickHouseSQL.isPlainIdentifier(setting.name) {
            throw .invalidConfiguration("the setting name \(setting.name) is not an identifier")
        }
        self.database = database
        self.cluster = cluster
        self.settings = (cluster?.settings ?? []) + settings
        self.requestTimeout = requestTimeout
        self.compressInsertsFrom = compressInsertsFrom
    }

    /// This configuration without gzip when the server is on this machine: there gzip saves no
    /// network and costs CPU on both sides, which Perch and the server share (under the load
    /// harness it was a twentieth of Perch's CPU).
    package func forServerOnThisMachine() -> ClickHouseConfiguration {
        var configuration = self
        if endpoint.isLoopback { configuration.compressInsertsFrom = nil }
        return configuration
    }

    /// How the tables are laid out on the cluster, or nil on one server.
    package var clusterLayout: ClickHouseClusterLayout? {
        cluster.map { ClickHouseClusterLayout(cluster: $0, database: database) }
    }

    /// The endpoint, database and cluster; never the password.
    package var description: String {
        "\(endpoint), database \(database)" + (cluster.map { ", \($0)" } ?? "")
    }
}
