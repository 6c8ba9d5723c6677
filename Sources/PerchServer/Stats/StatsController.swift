import Hummingbird
import Logging
import PerchCore
import PerchStats

/// The Stats API: `POST /api/v2/query` (spec §14) and `GET /api/v1/stats/realtime/visitors`,
/// behind Bearer API keys with a per-key hourly limit (§14.1). Bad input of any kind is a 400 with
/// a message; only a store failure is a 500, and its text goes to the log, not to the client.
package struct StatsController: Sendable {
    static let maxBodyBytes = 1_000_000
    /// "Current visitors" are those seen in the last five minutes, as in Plausible's dashboard.
    static let realtimeWindowSeconds: Int64 = 300

    let reader: any StatsReader
    let answer: @Sendable (StatsQuery, StatsSite, Int64) async throws -> JSONValue
    let limiter: APIRequestLimiter
    let clock: any WallClock
    let logger: Logger

    /// `locationNames` gives the place names in force for each query (they follow the GeoIP
    /// database, which may be reloaded); without one only country names are known.
    package init(
        reader: any StatsReader, dialect: some SQLDialect, clock: any WallClock, limiter: APIRequestLimiter? = nil,
        locationNames: @escaping @Sendable () -> LocationNames = { .builtIn }, logger: Logger
    ) {
        let service = StatsQueryService(reader: reader, dialect: dialect, locationNames: locationNames)
        self.reader = reader
        answer = { query, site, now in try await service.answer(query, site: site, now: now) }
        self.limiter = limiter ?? APIRequestLimiter(clock: clock)
        self.clock = clock
        self.logger = logger
    }

    package func addRoutes(to router: Router<PerchRequestContext>) {
        router.post("/api/v2/query") { request, _ in
            await respond { () async throws -> Response in try await query(request) }
        }
        router.get("/api/v1/stats/realtime/visitors") { request, _ in
            await respond { () async throws -> Response in try await realtimeVisitors(request) }
        }
    }

    private func query(_ request: Request) async throws -> Response {
        let key = try await authenticate(request)
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: Self.maxBodyBytes)
        } catch {
            throw QueryError.invalidJSON
        }
        let json = try Self.parseJSON(Array(buffer.readableBytesView))
        guard case .string(let siteID)? = json["site_id"] else { throw StatsAPIError.missingSiteID }
        let site = try await authorise(key, siteID: siteID)
        let parsed = try Self.parseQuery(json)
        let body = try await answer(parsed, site, clock.nowSeconds())
        return StatsResponse.json(body.json)
    }

    private func realtimeVisitors(_ request: Request) async throws -> Response {
        let key = try await authenticate(request)
        guard let siteID = request.uri.queryParameters.get("site_id"), !siteID.isEmpty else {
            throw StatsAPIError.missingSiteID
        }
        let site = try await authorise(key, siteID: siteID)
        let since = clock.nowSeconds() - Self.realtimeWindowSeconds
        let visitors = try await reader.currentVisitors(siteID: site.site.id, since: since)
        return StatsResponse.json(String(visitors))
    }

    /// The key named by the `Authorization: Bearer …` header, counted against its hourly limit.
    private func authenticate(_ request: Request) async throws -> APIKey {
        guard let header = request.headers[.authorization] else { throw StatsAPIError.missingKey }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw StatsAPIError.missingKey }
        let secret = parts[1].trimmingASCIIWhitespace()
        guard !secret.isEmpty else { throw StatsAPIError.missingKey }
        guard let key = try await reader.apiKey(hash: APIKey.hash(secret)) else { throw StatsAPIError.invalidKey }
        guard limiter.admit(key) else { throw StatsAPIError.tooManyRequests(limit: key.hourlyLimit) }
        return key
    }

    /// The site `siteID` names, if it exists and the key may read it.
    private func authorise(_ key: APIKey, siteID: String) async throws -> StatsSite {
        let domain = Site.canonicalDomain(siteID)
        guard key.allows(domain: domain), let site = try await reader.statsSite(domain: domain) else {
            throw StatsAPIError.invalidKey
        }
        return site
    }

    private static func parseJSON(_ bytes: [UInt8]) throws(QueryError) -> JSONValue {
        try JSONReader.parse(bytes)
    }

    private static func parseQuery(_ json: JSONValue) throws(QueryError) -> StatsQuery {
        try QueryParser.parse(json)
    }

    /// Maps refusals to their responses; anything else is logged and answered 500 without detail.
    private func respond(_ body: () async throws -> Response) async -> Response {
        do {
            return try await body()
        } catch let error as StatsAPIError {
            return error.response
        } catch let error as QueryError {
            return StatsAPIError(status: .badRequest, message: error.message).response
        } catch let error as StatsReadError {
            var response = StatsAPIError(status: .serviceUnavailable, message: error.message).response
            response.headers[.retryAfter] = "60"
            return response
        } catch {
            logger.error("stats query failed", metadata: ["error": "\(error)"])
            return StatsAPIError(status: .internalServerError, message: "Internal server error").response
        }
    }
}
