import Dispatch
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
        var backgroundCheckRunning = false
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
        guard let loaded = claimMissCheck() else { return false }
        return reload(ifChangedFrom: loaded)
    }

    /// `refreshIfChanged` on a Dispatch thread, for a directory behind the network: the caller
    /// (an event loop) never waits, and the event that found the domain unknown is dropped; the
    /// next one finds the site once the reload is done. One check at a time, at most one per
    /// `missCheckInterval`.
    package func refreshInBackgroundIfChanged() {
        guard let loaded = claimMissCheck(background: true) else { return }
        let refresher = self
        DispatchQueue.global().async {
            refresher.reload(ifChangedFrom: loaded)
            refresher.state.mutex.withLock { $0.backgroundCheckRunning = false }
        }
    }

    /// Takes the next miss check if one is due (and, for a background one, none is running): the
    /// version loaded last (`Int64.min` before the first load), or nil when not due.
    private func claimMissCheck(background: Bool = false) -> Int64? {
        let now = ContinuousClock.now
        return state.mutex.withLock { state -> Int64? in
            if let last = state.lastMissCheck, now - last < missCheckInterval { return nil }
            if background {
                if state.backgroundCheckRunning { return nil }
                state.backgroundCheckRunning = true
            }
            state.lastMissCheck = now
            return state.loadedVersion ?? Int64.min
        }
    }

    @discardableResult
    private func reload(ifChangedFrom loaded: Int64) -> Bool {
        do {
            guard try directory.sitesVersion() != loaded else { return false }
            try refresh()
            return true
        } catch {
            logger.warning("sites.refresh.failed", metadata: ["error": "\(error)"])
            return false
        }
    }

    /// Makes the registry check the directory when it does not know a domain: at once when the
    /// directory reads locally, in the background otherwise (see `refreshInBackgroundIfChanged`).
    /// The registry then holds this refresher (and the refresher the registry) for the life of
    /// the server.
    package func watchMisses() {
        let refresher = self
        if directory.readsLocally {
            registry.reloadOnMiss { refresher.refreshIfChanged() }
        } else {
            registry.reloadOnMiss {
                refresher.refreshInBackgroundIfChanged()
                return false
            }
        }
    }

    package func run() async throws {
        await RefreshLoop.run(every: interval, logger: logger, failure: "sites.refresh.failed") { try refresh() }
    }
}
