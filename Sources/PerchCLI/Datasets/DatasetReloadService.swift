import Logging
import PerchEnrich
import ServiceLifecycle

/// Polls the live data sets' files (one `stat` each per tick) and reloads those replaced, logging
/// what happened: one line per load, refusal or disappearance, nothing when unchanged.
struct DatasetReloadService: Service {
    let datasets: [any DatasetReloading]
    let interval: Duration
    let logger: Logger
    /// Called with the kind of each data set a poll loaded anew.
    let onReload: @Sendable (DatasetKind) -> Void

    init(
        datasets: [any DatasetReloading], interval: Duration = .seconds(1), logger: Logger,
        onReload: @escaping @Sendable (DatasetKind) -> Void = { _ in }
    ) {
        self.datasets = datasets
        self.interval = interval
        self.logger = logger
        self.onReload = onReload
    }

    /// Logs how each data set started (call once, before serving).
    func logInitialLoads(_ loads: [(DatasetKind, String, DatasetReload)]) {
        for (kind, path, load) in loads { log(kind, path, load, initial: true) }
    }

    func run() async throws {
        // Ticks stop at graceful shutdown; the clock is the task's, so tests drive `pollOnce()`.
        for await _ in AsyncTimerTicks(interval: interval).cancelOnGracefulShutdown() {
            pollOnce()
        }
    }

    /// One look at every file.
    func pollOnce() {
        for dataset in datasets {
            let outcome = dataset.reloadIfChanged()
            log(dataset.kind, dataset.path, outcome, initial: false)
            if case .loaded = outcome { onReload(dataset.kind) }
        }
    }

    private func log(_ kind: DatasetKind, _ path: String, _ outcome: DatasetReload, initial: Bool) {
        let metadata: Logger.Metadata = ["dataset.kind": "\(kind.rawValue)", "dataset.path": "\(path)"]
        switch outcome {
        case .unchanged:
            return
        case .loaded(let entries):
            logger.info(
                initial ? "dataset.loaded" : "dataset.reloaded",
                metadata: metadata.merging(["dataset.entries": "\(entries)"]) { $1 }
            )
        case .absent where initial:
            // Not a problem: the built-in fallback (or no data, for GeoIP and datacenter ranges) serves.
            logger.info("dataset.absent", metadata: metadata)
        case .absent:
            logger.warning("dataset.removed", metadata: metadata)
        case .refused(let error):
            logger.error(
                "dataset.refused",
                metadata: metadata.merging(["error": "\(error.message)"]) { $1 }
            )
        }
    }
}

/// Ticks every `interval` until cancelled.
struct AsyncTimerTicks: AsyncSequence, Sendable {
    typealias Element = Void
    let interval: Duration

    struct AsyncIterator: AsyncIteratorProtocol {
        let interval: Duration

        mutating func next() async -> Void? {
            do {
                try await Task.sleep(for: interval)
                return ()
            } catch {
                return nil
            }
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(interval: interval) }
}
