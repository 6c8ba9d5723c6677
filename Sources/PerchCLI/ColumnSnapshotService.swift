import Logging
import PerchSQLite
import ServiceLifecycle

/// Saves the held sites' columns to `directory` every `interval` while the server runs (only the
/// sites changed since their last save), so a server killed without its graceful save still
/// finds snapshots at most `interval` old at its next start, which it catches up from the
/// database (`SQLiteStore.restoreColumnSnapshots`) instead of loading the sites from SQLite.
struct ColumnSnapshotService: Service {
    let store: SQLiteStore
    let directory: String
    let interval: Duration
    let logger: Logger

    func run() async throws {
        var saved: [Int64: Int64] = [:]
        while true {
            // Ends at this service's turn in the shutdown (the graceful save follows it).
            do {
                try await cancelWhenGracefulShutdown { [interval] in try await Task.sleep(for: interval) }
            } catch {
                return
            }
            for report in await store.saveColumnSnapshots(in: directory, unchangedSince: saved) {
                logger.columnSnapshot("stats.columns.saved", report)
                if report.rejection == nil { saved[report.siteID] = report.sequence }
            }
        }
    }
}

extension Logger {
    /// A column snapshot read or written (`SQLiteStore.restoreColumnSnapshots`); one not used or
    /// not written is a warning, with the reason.
    func columnSnapshot(_ message: Logger.Message, _ report: SQLiteStore.ColumnSnapshotReport) {
        var metadata: Logger.Metadata = [
            "site": "\(report.siteID)", "events": "\(report.events)", "bytes": "\(report.bytes)",
            "sequence": "\(report.sequence)", "duration": "\(report.duration)",
        ]
        if report.caughtUp > 0 { metadata["caught.up"] = "\(report.caughtUp)" }
        if let failure = report.restampFailure { metadata["restamp.failed"] = "\(failure)" }
        if let rejection = report.rejection {
            warning("\(message).ignored", metadata: metadata.merging(["reason": "\(rejection)"]) { $1 })
        } else {
            info(message, metadata: metadata)
        }
    }
}
