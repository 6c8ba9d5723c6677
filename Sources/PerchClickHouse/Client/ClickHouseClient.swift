import AsyncHTTPClient
import CompressNIO
import NIOCore
import NIOHTTP1
import PerchCore

/// Talks to ClickHouse over its HTTP interface. Every request is a POST (ClickHouse runs GETs
/// read-only) carrying the database, `output_format_json_quote_64bit_integers=0` (so 64-bit
/// integers come back as numbers) and the configured settings as URL parameters; credentials go
/// in an `Authorization` header, never in the URL. The client does not retry: `ClickHouseError`
/// tells the caller whether trying again makes sense.
///
/// Each call comes in two forms: `async`, and blocking for the synchronous store roles, which run
/// on Dispatch threads (`BlockingWork`, the event writer's queue). Never block on an event loop.
///
/// The client owns its connection pool: whoever creates it calls `shutdown()` once, when done.
package struct ClickHouseClient: Sendable {
    package let configuration: ClickHouseConfiguration
    private let http: HTTPClient

    package init(configuration: ClickHouseConfiguration) {
        self.configuration = configuration
        var settings = HTTPClient.Configuration()
        // A refused connection fails the request at once instead of being retried inside the pool
        // until the deadline: the caller decides about retries, and a store that is down must be
        // noticed quickly (the writer backs off, the journal fills, the server answers 503).
        settings.connectionPool.retryConnectionEstablishment = false
        settings.timeout = .init(connect: .seconds(5))
        settings.decompression = .disabled
        self.http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: settings)
    }

    /// Closes the connection pool; requests after it fail.
    package func shutdown() async throws {
        try await http.shutdown()
    }

    /// `shutdown()` for synchronous callers (the CLI's commands); never on an event loop.
    package func shutdownBlocking() throws {
        try http.syncShutdown()
    }

    // MARK: - async

    package func run(_ request: ClickHouseRequest) async throws(ClickHouseError) -> [UInt8] {
        let prepared = try prepare(request)
        let response: HTTPClient.Response
        do {
            response = try await http.execute(request: prepared, deadline: deadline()).get()
        } catch {
            throw .transport("\(error)")
        }
        return try Self.body(of: response)
    }

    package func execute(_ sql: String, inDatabase: Bool = true) async throws(ClickHouseError) {
        _ = try await run(.statement(sql, inDatabase: inDatabase))
    }

    package func query(_ sql: String) async throws(ClickHouseError) -> ClickHouseResult {
        try ClickHouseResult(jsonCompact: try await run(.query(sql)))
    }

    package func insert(into table: String, columns: [String], rows: some ClickHouseInsertRows)
        async throws(ClickHouseError)
    {
        guard rows.rowCount > 0 else { return }
        _ = try await run(.insert(into: table, columns: columns, rows: rows))
    }

    /// Succeeds when the server answers `GET /ping` with `Ok.`.
    package func ping() async throws(ClickHouseError) {
        let request: HTTPClient.Request
        do {
            request = try HTTPClient.Request(url: configuration.endpoint.baseURL + "ping", method: .GET)
        } catch {
            throw .invalidConfiguration("\(error)")
        }
        let response: HTTPClient.Response
        do {
            response = try await http.execute(request: request, deadline: deadline()).get()
        } catch {
            throw .transport("\(error)")
        }
        let text = String(decoding: try Self.body(of: response), as: UTF8.self)
        guard text.hasPrefix("Ok.") else { throw .unexpectedResponse("/ping answered \(text.prefix(80))") }
    }

    // MARK: - blocking

    package func runBlocking(_ request: ClickHouseRequest) throws(ClickHouseError) -> [UInt8] {
        let prepared = try prepare(request)
        let response: HTTPClient.Response
        do {
            response = try http.execute(request: prepared, deadline: deadline()).wait()
        } catch {
            throw .transport("\(error)")
        }
        return try Self.body(of: response)
    }

    package func executeBlocking(_ sql: String, inDatabase: Bool = true) throws(ClickHouseError) {
        _ = try runBlocking(.statement(sql, inDatabase: inDatabase))
    }

    package func queryBlocking(_ sql: String) throws(ClickHouseError) -> ClickHouseResult {
        try ClickHouseResult(jsonCompact: try runBlocking(.query(sql)))
    }

    package func insertBlocking(
        into table: String, columns: [String], rows: some ClickHouseInsertRows
    ) throws(ClickHouseError) {
        guard rows.rowCount > 0 else { return }
        _ = try runBlocking(.insert(into: table, columns: columns, rows: rows))
    }

    // MARK: - the HTTP exchange

    private func deadline() -> NIODeadline {
        .now() + .nanoseconds(configuration.requestTimeout.wholeNanoseconds)
    }

    private func prepare(_ request: ClickHouseRequest) throws(ClickHouseError) -> HTTPClient.Request {
        var parameters: [(String, String)] = []
        if request.inDatabase { parameters.append(("database", configuration.database)) }
        parameters.append(("output_format_json_quote_64bit_integers", "0"))
        // Answer only once the query has finished, so a failure mid-way comes back as an error
        // status rather than as a 200 with a truncated body.
        parameters.append(("wait_end_of_query", "1"))
        for setting in configuration.settings { parameters.append((setting.name, setting.value)) }
        var headers = HTTPHeaders()
        if let user = configuration.endpoint.user {
            let authorization = HTTPClient.Authorization.basic(
                username: user, password: configuration.endpoint.password ?? "")
            headers.add(name: "Authorization", value: authorization.headerValue)
        }
        var body = ByteBuffer()
        if let rows = request.rows {
            parameters.append(("query", request.sql))
            body = ByteBuffer(bytes: rows)
            if let threshold = configuration.compressInsertsFrom, rows.count >= threshold {
                do {
                    body = try body.compress(with: .gzip())
                } catch {
                    throw .unexpectedResponse("gzip failed: \(error)")
                }
                headers.add(name: "Content-Encoding", value: "gzip")
            }
        } else {
            body = ByteBuffer(string: request.sql)
        }
        let query = parameters.map { "\(Self.percentEncoded($0.0))=\(Self.percentEncoded($0.1))" }
        do {
            return try HTTPClient.Request(
                url: configuration.endpoint.baseURL + "?" + query.joined(separator: "&"), method: .POST,
                headers: headers, body: .byteBuffer(body))
        } catch {
            throw .invalidConfiguration("\(error)")
        }
    }

    private static func body(of response: HTTPClient.Response) throws(ClickHouseError) -> [UInt8] {
        let bytes = response.body.map { Array(buffer: $0) } ?? []
        guard response.status == .ok else {
            let message = String(decoding: bytes, as: UTF8.self).trimmingASCIIWhitespace()
            let code =
                response.headers.first(name: "X-ClickHouse-Exception-Code").flatMap { Int($0) }
                ?? exceptionCode(in: message)
            throw .server(status: Int(response.status.code), code: code, message: message)
        }
        return bytes
    }

    /// The N of `Code: N.` (current releases) or `Code: N,` (18.16) at the start of an exception.
    static func exceptionCode(in message: String) -> Int? {
        guard let range = message.firstRange(of: "Code: ") else { return nil }
        return Int(message[range.upperBound...].prefix { $0.isASCII && $0.isNumber })
    }

    /// RFC 3986 unreserved characters stay; everything else is %-escaped byte by byte.
    private static func percentEncoded(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                out.unicodeScalars.append("%")
                out.unicodeScalars.append(hex[Int(byte >> 4)])
                out.unicodeScalars.append(hex[Int(byte & 0xF)])
            }
        }
        return out
    }
}
