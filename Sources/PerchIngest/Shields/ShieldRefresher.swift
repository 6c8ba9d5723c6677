import Logging
import PerchCore
import ServiceLifecycle
import Synchronization

/// Polls the shields version and reloads the registry when it moved, so `perch shields add|remove`
/// reaches a running server within a second, while an unchanged poll is one single-row read.
package final class ShieldRefresher: Service, Sendable {
    package let directory: any ShieldDirectory
    package let registry: ShieldRegistry
    package let interval: Duration
    package let logger: Logger
    /// Only `run()`'s loop and the start-up `refresh()` (before `run()`) touch it.
    private let loadedVersion = Mutex<Int64?>(nil)

    package init(directory: any ShieldDirectory, registry: ShieldRegistry, interval: Duration, logger: Logger) {
        self.directory = directory
        self.registry = registry
        self.interval = interval
        self.logger = logger
    }

    /// Reloads the rules if the version changed since the last load (or nothing was loaded yet).
    package func refresh() throws {
        let version = try directory.shieldsVersion()
        guard loadedVersion.withLock({ $0 }) != version else { return }
        registry.replace(with: try directory.allShieldRules())
        loadedVersion.withLock { $0 = version }
    }

    package func run() async throws {
        await RefreshLoop.run(every: interval, logger: logger, failure: "shields.refresh.failed") { try self.refresh() }
    }
}
