/// Why a ClickHouse request or a store operation failed. Descriptions never carry credentials:
/// they are sent in a header, never in the URL, and the endpoint is printed without them.
package enum ClickHouseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// ClickHouse answered with an exception: its HTTP status, its error code (`Code: N` of the
    /// text, or the `X-ClickHouse-Exception-Code` header) and its message as sent.
    case server(status: Int, code: Int?, message: String)
    /// No answer: the connection failed, broke or timed out. Worth retrying later.
    case transport(String)
    /// An answer that is not what the request asked for (a result that does not parse, a column
    /// of an unexpected type).
    case unexpectedResponse(String)
    /// A URL, database name or setting Perch cannot use.
    case invalidConfiguration(String)
    /// A schema migration whose statements ran but whose result is not what it declares, or a
    /// database migrated by a newer Perch.
    case migration(version: Int, reason: String)

    /// Whether trying the same request again may succeed without anything else changing.
    package var isTransient: Bool {
        switch self {
        case .transport: return true
        // 159 TIMEOUT_EXCEEDED, 202 TOO_MANY_SIMULTANEOUS_QUERIES, 203 NO_FREE_CONNECTION,
        // 209 SOCKET_TIMEOUT, 210 NETWORK_ERROR, 241 MEMORY_LIMIT_EXCEEDED, 252 TOO_MANY_PARTS.
        case .server(_, let code?, _): return [159, 202, 203, 209, 210, 241, 252].contains(code)
        default: return false
        }
    }

    package var description: String {
        switch self {
        case .server(let status, let code, let message):
            return "ClickHouse error \(code.map(String.init) ?? "?") (HTTP \(status)): \(message)"
        case .transport(let reason): return "ClickHouse unreachable: \(reason)"
        case .unexpectedResponse(let reason): return "unexpected ClickHouse response: \(reason)"
        case .invalidConfiguration(let reason): return "invalid ClickHouse configuration: \(reason)"
        case .migration(let version, let reason): return "ClickHouse schema migration \(version): \(reason)"
        }
    }
}
