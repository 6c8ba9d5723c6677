import PerchCore
import ServiceLifecycle

/// Keeps the next day's salt ready and old salts deleted (`SaltRing.maintain`), every minute and
/// once at start, so the rotation at 00:00 UTC costs the request path no store I/O.
package struct SaltMaintenanceService: Service {
    let ring: SaltRing
    let clock: any WallClock
    let interval: Duration

    package init(ring: SaltRing, clock: any WallClock, interval: Duration = .seconds(60)) {
        self.ring = ring
        self.clock = clock
        self.interval = interval
    }

    package func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while true {
                ring.maintain(nowSeconds: clock.nowSeconds())
                try await Task.sleep(for: interval)
            }
        }
    }
}
