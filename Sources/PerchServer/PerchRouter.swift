import Hummingbird

/// Assembles Perch's HTTP routes behind the CORS middleware.
package enum PerchRouter {
    package static func build(
        events: EventController,
        operations: OperationsController,
        stats: StatsController? = nil
    ) -> Router<PerchRequestContext> {
        let router = Router(context: PerchRequestContext.self)
        router.add(middleware: CORSMiddleware())
        events.addRoutes(to: router)
        operations.addRoutes(to: router)
        stats?.addRoutes(to: router)
        return router
    }
}
