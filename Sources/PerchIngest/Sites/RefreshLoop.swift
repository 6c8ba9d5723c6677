import Logging
import PerchCore
import ServiceLifecycle

/// The loop of the registry refreshers (`SiteRefresher`, `ShieldRefresher`): `refresh` every
/// `interval` until graceful shutdown. A failure is logged once, not on every tick, until a
/// refresh succeeds again; the registry keeps what it last loaded meanwhile.
enum RefreshLoop {
    static func run(
        every interval: Duration, logger: Logger, failure: Logger.Message,
        _ refresh: @escaping @Sendable () throws -> Void
    ) async {
        try? await cancelWhenGracefulShutdown {
            var failing = false
            while true {
                try await Task.sleep(for: interval)
                do {
                    try await BlockingWork.run(refresh)
                    failing = false
                } catch {
                    if !failing { logger.error(failure, metadata: ["error": "\(error)"]) }
                    failing = true
                }
            }
        }
    }
}
