import Hummingbird
import PerchWeb

/// Assembles Perch's HTTP routes behind the CORS middleware: events, operations, the Stats API,
/// and the dashboard with its tracker.
package enum PerchRouter {
    package static func build(
        events: EventController,
        batch: BatchController? = nil,
        operations: OperationsController,
        stats: StatsController? = nil,
        web: DashboardWeb? = nil,
        withoutStats: (reason: String, assets: WebAssets)? = nil
    ) -> Router<PerchRequestContext> {
        let router = Router(context: PerchRequestContext.self)
        router.add(middleware: CORSMiddleware())
        events.addRoutes(to: router)
        batch?.addRoutes(to: router)
        operations.addRoutes(to: router)
        stats?.addRoutes(to: router)
        // Last: the dashboard's `/<domain>` route must not shadow anything above.
        web?.addRoutes(to: router)
        // A store without a Stats reader: the tracker is still served, the rest answers 501.
        if let withoutStats {
            StaticWebRoutes.add(assets: withoutStats.assets, to: router)
            UnavailableStatsController(reason: withoutStats.reason).addRoutes(to: router)
        }
        return router
    }
}
