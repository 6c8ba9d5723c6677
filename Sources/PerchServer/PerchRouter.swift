import Hummingbird
import PerchWeb

/// Assembles Perch's HTTP routes behind the CORS middleware: events, operations, the Stats API,
/// and the dashboard with its tracker.
package enum PerchRouter {
    package static func build(
        events: EventController,
        operations: OperationsController,
        stats: StatsController? = nil,
        web: DashboardWeb? = nil
    ) -> Router<PerchRequestContext> {
        let router = Router(context: PerchRequestContext.self)
        router.add(middleware: CORSMiddleware())
        events.addRoutes(to: router)
        operations.addRoutes(to: router)
        stats?.addRoutes(to: router)
        // Last: the dashboard's `/<domain>` route must not shadow anything above.
        web?.addRoutes(to: router)
        return router
    }
}
