/// How to reach one ClickHouse database: the endpoint, who to be, which database, and the
/// settings sent with every request.
package struct ClickHouseConfiguration: Sendable, CustomStringConvertible {
    package var endpoint: ClickHouseEndpoint
    package var database: String
    /// Sent as URL parameters with every request, after the client's own (they may override them).
    package var settings: [(name: String, value: String)]
    /// How long one request may take, connection included.
    package var requestTimeout: Duration
    /// Gzip INSERT bodies of at least this many bytes (`Content-Encoding: gzip`); nil never does.
    package var compressInsertsFrom: Int?

    /// - Parameters:
    ///   - url: `http[s]://[user[:password]@]host[:port][/path]`.
    ///   - user, password: override those of the URL when given (`PERCH_CLICKHOUSE_USER`, …).
    ///   - database: a plain identifier (letters, digits, `_`), created by the migrations if missing.
    package init(
        url: String, user: String? = nil, password: String? = nil, database: String = "perch",
        settings: [(name: String, value: String)] = [], requestTimeout: Duration = .seconds(30),
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
        self.settings = settings
        self.requestTimeout = requestTimeout
        self.compressInsertsFrom = compressInsertsFrom
    }

    /// The endpoint and database; never the password.
    package var description: String {
        "\(endpoint), database \(database)"
    }
}
