import Hummingbird
import PerchCore
import PerchStats

/// The dashboard's data: `POST /api/dashboard/<domain>/query` answers a Stats API v2 query with
/// the same engine and the same JSON as `POST /api/v2/query`, for a signed-in user or a shared
/// link's visitor instead of an API key. Documented extensions the public API lacks:
/// `GET …/current-visitors`, `GET …/drops` (the last 24 hours of `perch drops`) and
/// `GET …/prop-keys` (the custom property keys seen, for the Properties panel). Every request
/// must carry the page's CSRF token in `X-Perch-CSRF`.
struct DashboardAPIController: Sendable {
    static let maxBodyBytes = 1_000_000
    static let currentVisitorsSeconds: Int64 = 300
    static let dropWindowSeconds: Int64 = 86_400
    static let propertyKeyDays: Int64 = 400
    static let maxPropertyKeys = 100
    let web: DashboardWeb

    func addRoutes<Context: RequestContext>(to router: Router<Context>) {
        router.post("/api/dashboard/:domain/query") { request, context in
            await respond { try await query(request, domain: context.parameters.get("domain") ?? "") }
        }
        router.get("/api/dashboard/:domain/current-visitors") { request, context in
            await respond {
                let site = try await authorise(request, domain: context.parameters.get("domain") ?? "")
                let visitors = try await web.reader.currentVisitors(
                    siteID: site.site.id, since: web.clock.nowSeconds() - Self.currentVisitorsSeconds)
                return WebResponse.json("{\"visitors\":\(visitors)}")
            }
        }
        router.get("/api/dashboard/:domain/drops") { request, context in
            await respond {
                let site = try await authorise(request, domain: context.parameters.get("domain") ?? "")
                let counts = try await web.dropCounts(site.site.domain, web.clock.nowSeconds() - Self.dropWindowSeconds)
                return WebResponse.json(Self.dropsJSON(counts))
            }
        }
        router.get("/api/dashboard/:domain/prop-keys") { request, context in
            await respond {
                let site = try await authorise(request, domain: context.parameters.get("domain") ?? "")
                let keys = try await web.reader.propertyKeys(
                    siteID: site.site.id, since: web.clock.nowSeconds() - Self.propertyKeyDays * 86_400,
                    limit: Self.maxPropertyKeys)
                return WebResponse.json(JSONValue.object([("keys", .array(keys.map(JSONValue.string)))]).json)
            }
        }
    }

    private func query(_ request: Request, domain: String) async throws -> Response {
        let site = try await authorise(request, domain: domain)
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: Self.maxBodyBytes)
        } catch {
            throw QueryError.invalidJSON
        }
        let parsed = try QueryParser.parse(body: Array(buffer.readableBytesView), siteID: site.site.domain)
        return WebResponse.json(try await web.answer(parsed, site, web.clock.nowSeconds()).json)
    }

    /// The site, if this request's viewer may read it and echoed its CSRF token.
    private func authorise(_ request: Request, domain: String) async throws -> StatsSite {
        let viewer: Viewer
        if let session = try await web.auth.session(request) {
            viewer = .user(session)
        } else if let link = try await web.auth.sharedLink(
            slug: request.uri.queryParameters.get("auth"), domain: domain),
            try await web.auth.isUnlocked(link, request: request)
        {
            viewer = .share(link)
        } else {
            throw DashboardAPIError.unauthorised
        }
        guard let token = request.headers[WebAuth.csrfHeader],
            ConstantTime.equal(token, viewer.csrfToken(secret: try await web.auth.secret()))
        else { throw DashboardAPIError.invalidCSRF }
        guard let site = try await web.reader.statsSite(domain: domain) else { throw DashboardAPIError.unknownSite }
        if case .share(let link) = viewer, link.siteID != site.site.id { throw DashboardAPIError.unauthorised }
        return site
    }

    static func dropsJSON(_ counts: [DropCount]) -> String {
        var byReason: [String: Int64] = [:]
        for count in counts { byReason[count.reason, default: 0] += count.count }
        let rows = byReason.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        return JSONValue.object([
            ("drops", .array(rows.map { .object([("reason", .string($0.key)), ("count", .int($0.value))]) }))
        ]).json
    }

    private func respond(_ body: () async throws -> Response) async -> Response {
        do {
            return try await body()
        } catch let error as DashboardAPIError {
            return WebResponse.error(error.status, error.message)
        } catch let error as QueryError {
            return WebResponse.error(.badRequest, error.message)
        } catch let error as StatsReadError {
            return WebResponse.error(.serviceUnavailable, error.message)
        } catch {
            web.logger.error("web.query.failed", metadata: ["error": "\(error)"])
            return WebResponse.error(.internalServerError, "Internal server error")
        }
    }
}

/// Refusals of the dashboard's data API, each with its status.
enum DashboardAPIError: Error {
    case unauthorised, invalidCSRF, unknownSite

    var status: HTTPResponse.Status {
        switch self {
        case .unauthorised: .unauthorized
        case .invalidCSRF: .forbidden
        case .unknownSite: .notFound
        }
    }

    var message: String {
        switch self {
        case .unauthorised: "Sign in, or open a shared link, to see this site"
        case .invalidCSRF: "Missing or invalid X-Perch-CSRF token"
        case .unknownSite: "Site not found"
        }
    }
}
