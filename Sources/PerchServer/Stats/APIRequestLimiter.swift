import PerchCore
import PerchStats
import Synchronization

/// Counts Stats API requests per key in fixed one-hour windows (as Plausible does), in memory:
/// a restart forgives the current hour, which is acceptable for a self-hosted server.
package final class APIRequestLimiter: Sendable {
    private struct Window {
        var hour: Int64
        var count: Int
    }

    private let clock: any WallClock
    private let windows = Mutex<[Int64: Window]>([:])

    package init(clock: any WallClock) {
        self.clock = clock
    }

    /// Counts one request by `key`; false when the key has used up its requests for this hour.
    package func admit(_ key: APIKey) -> Bool {
        let hour = clock.nowSeconds() / 3600
        return windows.withLock { windows in
            var window = windows[key.id].flatMap { $0.hour == hour ? $0 : nil } ?? Window(hour: hour, count: 0)
            guard window.count < key.hourlyLimit else { return false }
            window.count += 1
            windows[key.id] = window
            return true
        }
    }
}
