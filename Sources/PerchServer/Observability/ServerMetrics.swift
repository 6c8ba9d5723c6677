import CoreMetrics
import PerchCore
import PerchJournal
import Prometheus

/// The server's Prometheus metrics, created once against one registry (no global metrics system),
/// so tests read them back from the same registry.
///
/// Events by outcome: `perch_events_total{outcome="accepted"}` and
/// `perch_events_total{outcome="dropped",reason="<drop reason>"}` (one series per `DropReason`,
/// spelled as Plausible spells it); `perch_events_accepted_total` and
/// `perch_events_dropped_total{reason}` count the same and stay for existing dashboards.
///
/// Faults: `perch_flush_failures_total` counts batches the store refused and `perch_store_failing`
/// is 1 from such a refusal until a batch is stored; `perch_journal_write_failures_total` counts
/// failed journal writes and `perch_journal_failing` is 1 from one until a journal write works.
///
/// Group commit: `perch_journal_syncs_total` counts the journal's syncs and
/// `perch_journal_synced_entries_total` the entries they made durable (their ratio is the entries
/// a sync carries); `perch_journal_group_commit_waits_total{cause}` counts the times the flusher
/// held a batch back for more entries, `cause="batch"` after a large batch and `cause="cpu"` while
/// the CPUs were saturated.
package final class ServerMetrics: Sendable {
    package let registry: PrometheusCollectorRegistry
    /// `perch_event_requests_total` by status, one property each so counting one is a switch.
    private let requests202: CoreMetrics.Counter
    private let requests400: CoreMetrics.Counter
    private let requests429: CoreMetrics.Counter
    private let requests503: CoreMetrics.Counter
    private let accepted: CoreMetrics.Counter
    private let dropped: [DropReason: CoreMetrics.Counter]
    private let outcomeAccepted: CoreMetrics.Counter
    private let outcomeDropped: [DropReason: CoreMetrics.Counter]
    private let journalPending: CoreMetrics.Gauge
    private let journalPendingBytes: CoreMetrics.Gauge
    private let openConnections: CoreMetrics.Gauge
    private let flushDuration: CoreMetrics.Timer
    private let flushedEvents: CoreMetrics.Counter
    private let flushFailures: CoreMetrics.Counter
    private let sessionsCached: CoreMetrics.Gauge
    /// `perch_sessions_evicted_total` and `perch_sessions_reloaded_total`, from the cache's totals.
    private let sessionTotals: CounterTotals
    private let storeFailing: CoreMetrics.Gauge
    private let journalWriteFailures: CoreMetrics.Counter
    private let journalFailing: CoreMetrics.Gauge
    /// The group commit's counters, from the journal's totals (`journal(syncs:)`).
    private let journalSyncTotals: CounterTotals

    package init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        let factory = PrometheusMetricsFactory(registry: registry)
        func requests(_ status: Int) -> CoreMetrics.Counter {
            CoreMetrics.Counter(
                label: "perch_event_requests_total", dimensions: [("status", String(status))], factory: factory)
        }
        requests202 = requests(202)
        requests400 = requests(400)
        requests429 = requests(429)
        requests503 = requests(503)
        accepted = CoreMetrics.Counter(label: "perch_events_accepted_total", factory: factory)
        dropped = Dictionary(
            uniqueKeysWithValues: DropReason.allCases.map { reason in
                (
                    reason,
                    CoreMetrics.Counter(
                        label: "perch_events_dropped_total",
                        dimensions: [("reason", reason.rawValue)],
                        factory: factory
                    )
                )
            }
        )
        outcomeAccepted = CoreMetrics.Counter(
            label: "perch_events_total", dimensions: [("outcome", "accepted")], factory: factory)
        outcomeDropped = Dictionary(
            uniqueKeysWithValues: DropReason.allCases.map { reason in
                (
                    reason,
                    CoreMetrics.Counter(
                        label: "perch_events_total",
                        dimensions: [("outcome", "dropped"), ("reason", reason.rawValue)],
                        factory: factory
                    )
                )
            }
        )
        journalPending = CoreMetrics.Gauge(label: "perch_journal_pending_entries", factory: factory)
        journalPendingBytes = CoreMetrics.Gauge(label: "perch_journal_pending_bytes", factory: factory)
        openConnections = CoreMetrics.Gauge(label: "perch_open_connections", factory: factory)
        flushDuration = CoreMetrics.Timer(label: "perch_flush_duration_seconds", factory: factory)
        flushedEvents = CoreMetrics.Counter(label: "perch_flushed_entries_total", factory: factory)
        flushFailures = CoreMetrics.Counter(label: "perch_flush_failures_total", factory: factory)
        sessionsCached = CoreMetrics.Gauge(label: "perch_sessions_cached", factory: factory)
        sessionTotals = CounterTotals([
            CoreMetrics.Counter(label: "perch_sessions_evicted_total", factory: factory),
            CoreMetrics.Counter(label: "perch_sessions_reloaded_total", factory: factory),
        ])
        storeFailing = CoreMetrics.Gauge(label: "perch_store_failing", factory: factory)
        journalWriteFailures = CoreMetrics.Counter(label: "perch_journal_write_failures_total", factory: factory)
        journalFailing = CoreMetrics.Gauge(label: "perch_journal_failing", factory: factory)
        journalSyncTotals = CounterTotals([
            CoreMetrics.Counter(label: "perch_journal_syncs_total", factory: factory),
            CoreMetrics.Counter(label: "perch_journal_synced_entries_total", factory: factory),
            CoreMetrics.Counter(
                label: "perch_journal_group_commit_waits_total", dimensions: [("cause", "batch")], factory: factory),
            CoreMetrics.Counter(
                label: "perch_journal_group_commit_waits_total", dimensions: [("cause", "cpu")], factory: factory),
        ])
        storeFailing.record(0)
        journalFailing.record(0)
    }

    package func eventRequest(status: Int) {
        switch status {
        case 202: requests202.increment()
        case 400: requests400.increment()
        case 429: requests429.increment()
        case 503: requests503.increment()
        default: break
        }
    }

    package func eventsAccepted(_ count: Int) {
        guard count > 0 else { return }
        accepted.increment(by: count)
        outcomeAccepted.increment(by: count)
    }

    package func eventDropped(_ reason: DropReason) {
        dropped[reason]?.increment()
        outcomeDropped[reason]?.increment()
    }

    package func connections(open: Int) {
        openConnections.record(open)
    }

    package func journal(pending: Int, bytes: Int) {
        journalPending.record(pending)
        journalPendingBytes.record(bytes)
    }

    /// The journal's sync totals since it opened (`Journal.syncCounts`).
    package func journal(syncs totals: JournalSyncCounts) {
        journalSyncTotals.report([totals.syncs, totals.records, totals.waitsAfterBatch, totals.waitsForCPU])
    }

    /// The session cache's size and its eviction and reload totals since start.
    package func sessions(cached: Int, evicted: Int, reloaded: Int) {
        sessionsCached.record(cached)
        sessionTotals.report([evicted, reloaded])
    }

    /// A batch reached the store: the store works (again).
    package func flushed(entries: Int, nanoseconds: Int64) {
        flushedEvents.increment(by: entries)
        flushDuration.recordNanoseconds(nanoseconds)
        storeFailing.record(0)
    }

    /// The store refused a batch: it is failing until a batch reaches it.
    package func flushFailed() {
        flushFailures.increment()
        storeFailing.record(1)
    }

    package func journalWriteFailed() {
        journalWriteFailures.increment()
        journalFailing.record(1)
    }

    package func journalWriteRecovered() {
        journalFailing.record(0)
    }

    /// The Prometheus text exposition of every metric.
    package func exposition() -> String {
        registry.emitToString()
    }
}
