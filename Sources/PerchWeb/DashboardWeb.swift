import Hummingbird
import Logging
import PerchCore
import PerchStats

/// What the dashboard, its login and shared links, and the tracker are served from. The HTTP
/// module hands these in; nothing here knows which store is behind them.
package struct DashboardWeb: Sendable {
    package let accounts: any DashboardAccountStore
    package let reader: any StatsReader
    /// Answers a parsed Stats API query for a site (the same engine as `POST /api/v2/query`).
    package let answer: @Sendable (StatsQuery, StatsSite, Int64) async throws -> JSONValue
    /// The active sites, for the sites list and the site switcher.
    package let sites: @Sendable () async throws -> [Site]
    /// Stored drop counts of one domain since a unix time (`perch drops`).
    package let dropCounts: @Sendable (_ domain: String, _ since: Int64) async throws -> [DropCount]
    package let assets: WebAssets
    package let clock: any WallClock
    package let throttle: LoginThrottle
    package let logger: Logger
    let auth: WebAuth

    package init(
        accounts: any DashboardAccountStore, reader: any StatsReader,
        answer: @escaping @Sendable (StatsQuery, StatsSite, Int64) async throws -> JSONValue,
        sites: @escaping @Sendable () async throws -> [Site],
        dropCounts: @escaping @Sendable (String, Int64) async throws -> [DropCount],
        assets: WebAssets, clock: any WallClock, logger: Logger
    ) {
        self.accounts = accounts
        self.reader = reader
        self.answer = answer
        self.sites = sites
        self.dropCounts = dropCounts
        self.assets = assets
        self.clock = clock
        throttle = LoginThrottle(clock: clock)
        auth = WebAuth(accounts: accounts, clock: clock)
        self.logger = logger
    }

    /// Adds every web route: assets and tracker, login, pages, and the dashboard's data API.
    package func addRoutes<Context: RequestContext & RemoteAddressRequestContext>(to router: Router<Context>) {
        AssetController(assets: assets).addRoutes(to: router)
        LoginController(web: self).addRoutes(to: router)
        DashboardAPIController(web: self).addRoutes(to: router)
        DashboardPageController(web: self).addRoutes(to: router)
    }

    /// A page template filled in, or a plain 500 when the template is missing from the build.
    func page(
        _ name: String, status: HTTPResponse.Status = .ok, values: [String: String], raw: [String: String] = [:],
        frameable: Bool = false
    ) -> Response {
        guard let asset = assets.asset(named: name) else {
            logger.error("web.template.missing", metadata: ["template": "\(name)"])
            return WebResponse.text(status: .internalServerError, "Internal server error")
        }
        return WebResponse.html(
            status: status, PageTemplate(text: asset.text).render(values, raw: raw), frameable: frameable)
    }
}
