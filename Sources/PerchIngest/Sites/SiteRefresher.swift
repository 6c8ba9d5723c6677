import Logging
import PerchCore
import ServiceLifecycle
import Synchronization

/// Reloads the site registry from the directory on an interval, so `perch sites add|remove` reaches
/// a running server within a second; and at once when an event names a domain the registry does
/// not know and the directory's `sitesVersion` has moved (checked at most every `missCheckInterval`),
/// so the first event sent after `perch sites add` is accepted.
package struct SiteRefresher: Service {
    package let directory: any SiteDirectory
    package let registry: SiteRegistry
    package let interval: Duration
    package let missCheckInterval: Duration
    package let logger: Logger
    private let state = StateBox()

    private struct State {
        /// The directory's version when the registry was last loaded.
        var loadedVersion: Int64?
        var lastMissCheck: ContinuousClock.Instant?
    }

    /// Shared by the copies of the refresher (it is a value, the registry holds one in a closure).
    private final class StateBox: Sendable {
        let mutex = Mutex(State())
    }

    package init(
        directory: any SiteDirectory, registry: SiteRegistry, interval: Duration,
        missCheckInterval: Duration = .milliseconds(10), logger: Logger
    ) {
        self.directory = directory
        self.registry = registry
        self.interval = interval
        self.missCheckInterval = missCheckInterval
        self.logger = logger
    }

    /// Loads the sites once; the server calls this before it accepts events.
    package func refresh() throws {
        // The version is read first: a change racing the load leaves it behind, so the next
        // check reloads again rather than missing the change.
        let version = try directory.sitesVersion()
        registry.replace(with: try directory.allSites())
        state.mutex.withLock { $0.loadedVersion = version }
    }

    /// Reloads when the directory changed since the last load; at most one check per
    /// `missCheckInterval`, so a flood of events for unknown domains costs one cheap read per
    /// interval. Answers whether the registry was reloaded.
    @discardableResult
    package func refreshIfChanged() -> Bool {
        let now = ContinuousClock.now
        let (due, loaded) = state.mutex.withLock { state -> (Bool, Int64?) in
            if let last = state.lastMissCheck, now - last < missCheckInterval { return (false, nil) }
            state.lastMissCheck = now
            return (true, state.loadedVersion)
        }
        guard due else { return false }
        do {
            guard try directory.sitesVersion() != loaded else { return false }
            try refresh()
            return true
        } catch {
            logger.warning("sites.refresh.failed", metadata: ["error": "\(error)"])
            return false
        }
    }

    /// Makes the registry call `refreshIfChanged` when it does not know a domain. The registry then
    /// holds this refresher (and the refresher the registry) for the life of the server.
    package func watchMisses() {
        let refresher = self
        registry.reloadOnMiss { refresher.refreshIfChanged() }
    }

    package func run() async throws {
        await RefreshLoop.run(every: interval, logger: logger, failure: "sites.refresh.failed") { try refresh() }
    }
}
