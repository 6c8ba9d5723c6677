import Logging
import PerchCore
import ServiceLifecycle

/// Reloads the site registry from the directory on an interval, so `perch sites add|remove` reaches
/// a running server within a second.
package struct SiteRefresher: Service {
    package let directory: any SiteDirectory
    package let registry: SiteRegistry
    package let interval: Duration
    package let logger: Logger

    package init(directory: any SiteDirectory, registry: SiteRegistry, interval: Duration, logger: Logger) {
        self.directory = directory
        self.registry = registry
        self.interval = interval
        self.logger = logger
    }

    /// Loads the sites once; the server calls this before it accepts events.
    package func refresh() throws {
        registry.replace(with: try directory.allSites())
    }

    package func run() async throws {
        await RefreshLoop.run(every: interval, logger: logger, failure: "sites.refresh.failed") { try refresh() }
    }
}
