import Hummingbird
import PerchCore
import PerchStats

/// The pages: `GET /` (the sites list), `GET /<domain>` (a site's dashboard) for signed-in users,
/// and `GET /share/<domain>?auth=SLUG` (read-only, optionally behind a password, `embed=true` for
/// iframes). The pages are shells; their data comes from `DashboardAPIController`.
struct DashboardPageController: Sendable {
    let web: DashboardWeb

    func addRoutes<Context: RequestContext>(to router: Router<Context>) {
        router.get("/") { request, _ in try await sitesPage(request) }
        router.get("/share/:domain") { request, context in
            try await sharedPage(request, domain: context.parameters.get("domain") ?? "")
        }
        router.post("/share/:domain/authenticate") { request, context in
            try await unlockShare(request, domain: context.parameters.get("domain") ?? "")
        }
        router.get("/:domain") { request, context in
            try await dashboardPage(request, domain: context.parameters.get("domain") ?? "")
        }
    }

    private func sitesPage(_ request: Request) async throws -> Response {
        guard let session = try await web.auth.session(request) else { return Self.toLogin(request) }
        let sites = try await web.sites().sorted { $0.domain < $1.domain }
        let config: JSONValue = .object([
            ("csrf", .string(session.csrfToken)),
            ("user", .string(session.user.email)),
            (
                "sites",
                .array(sites.map { .object([("domain", .string($0.domain)), ("timezone", .string($0.timezone))]) })
            ),
        ])
        return web.page("sites.html", values: ["title": "Sites · Perch"], raw: ["config": ScriptJSON.safe(config.json)])
    }

    private func dashboardPage(_ request: Request, domain: String) async throws -> Response {
        guard let session = try await web.auth.session(request) else { return Self.toLogin(request) }
        guard let site = try await web.reader.statsSite(domain: domain) else { return notFound() }
        let domains = try await web.sites().map(\.domain).sorted()
        let config = Self.config(
            site: site, csrf: session.csrfToken, authQuery: "", shared: false, embed: false,
            user: session.user.email, sites: domains, goals: try await web.reader.goals(siteID: site.site.id))
        return web.page(
            "dashboard.html", values: ["title": "\(site.site.domain) · Perch"],
            raw: ["config": ScriptJSON.safe(config.json)])
    }

    private func sharedPage(_ request: Request, domain: String) async throws -> Response {
        let slug = request.uri.queryParameters.get("auth")
        guard let link = try await web.auth.sharedLink(slug: slug, domain: domain),
            let site = try await web.reader.statsSite(domain: link.domain)
        else { return notFound() }
        let embed = request.uri.queryParameters.get("embed") == "true"
        guard try await web.auth.isUnlocked(link, request: request) else {
            return try await passwordPage(link, embed: embed, error: "", status: .ok)
        }
        let config = Self.config(
            site: site, csrf: Viewer.share(link).csrfToken(secret: try await web.auth.secret()),
            authQuery: "?auth=" + FormBody.encode(link.slug), shared: true, embed: embed, user: nil, sites: [],
            goals: try await web.reader.goals(siteID: site.site.id))
        return web.page(
            "dashboard.html", values: ["title": "\(site.site.domain) · Perch"],
            raw: ["config": ScriptJSON.safe(config.json)], frameable: embed)
    }

    private func unlockShare(_ request: Request, domain: String) async throws -> Response {
        let slug = request.uri.queryParameters.get("auth")
        guard let link = try await web.auth.sharedLink(slug: slug, domain: domain) else { return notFound() }
        let form = FormBody(String(buffer: try await request.body.collect(upTo: LoginController.maxFormBytes)))
        let embed = request.uri.queryParameters.get("embed") == "true"
        let secret = try await web.auth.secret()
        guard let field = form["_csrf"], ConstantTime.equal(field, Viewer.share(link).csrfToken(secret: secret)) else {
            return try await passwordPage(
                link, embed: embed, error: "The form expired. Please try again.", status: .forbidden)
        }
        let keys = ["share:" + link.slug]
        guard web.throttle.allows(keys) else {
            return try await passwordPage(
                link, embed: embed, error: "Too many wrong passwords. Try again later.", status: .tooManyRequests)
        }
        guard let hash = link.passwordHash else { return WebResponse.redirect(to: link.path) }
        guard let password = form["password"], await PasswordHash.verifyOffPool(password, against: hash) else {
            web.throttle.recordFailure(keys)
            return try await passwordPage(link, embed: embed, error: "Wrong password.", status: .unauthorized)
        }
        var response = WebResponse.redirect(to: link.path + (embed ? "&embed=true" : ""))
        response.setCookie(try await web.auth.unlockCookie(link, request: request))
        return response
    }

    private func passwordPage(
        _ link: SharedLink, embed: Bool, error: String, status: HTTPResponse.Status
    ) async throws -> Response {
        // The token is the link's own (signed), so the form works in a fresh browser.
        let csrf = Viewer.share(link).csrfToken(secret: try await web.auth.secret())
        let action =
            "/share/\(link.domain)/authenticate?auth=\(FormBody.encode(link.slug))" + (embed ? "&embed=true" : "")
        return web.page(
            "share-password.html", status: status,
            values: [
                "title": "\(link.domain) · Perch", "csrf": csrf, "error": error, "action": action,
                "domain": link.domain,
            ],
            frameable: embed)
    }

    private func notFound() -> Response {
        web.page("not-found.html", status: .notFound, values: ["title": "Not found · Perch"])
    }

    static func toLogin(_ request: Request) -> Response {
        let next = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
        return WebResponse.redirect(to: "/login?next=" + FormBody.encode(next))
    }

    static func config(
        site: StatsSite, csrf: String, authQuery: String, shared: Bool, embed: Bool, user: String?, sites: [String],
        goals: [Goal]
    ) -> JSONValue {
        .object([
            ("domain", .string(site.site.domain)),
            ("timezone", .string(site.site.timezone)),
            ("csrf", .string(csrf)),
            ("api", .string("/api/dashboard/" + site.site.domain)),
            ("authQuery", .string(authQuery)),
            ("shared", .bool(shared)),
            ("embed", .bool(embed)),
            ("user", user.map(JSONValue.string) ?? .null),
            (
                "goals",
                .array(
                    goals.map {
                        .object([
                            ("name", .string($0.displayName)), ("currency", $0.currency.map(JSONValue.string) ?? .null),
                        ])
                    })
            ),
            ("sites", .array(sites.map(JSONValue.string))),
        ])
    }
}
