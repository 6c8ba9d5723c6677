import PerchJournal
import Testing

@testable import PerchServer

/// `/metrics` says whether the store and the journal are failing now, not only how often they did.
@Suite struct FaultMetricsTests {
    static func value(_ name: String, in metrics: ServerMetrics) -> String? {
        metrics.exposition().split(separator: "\n").first { $0.hasPrefix(name + " ") }
            .map { String($0.dropFirst(name.count + 1)) }
    }

    @Test func storeFailingIsOneFromARefusedBatchUntilOneIsStored() {
        let metrics = ServerMetrics()
        #expect(Self.value("perch_store_failing", in: metrics) == "0.0")
        metrics.flushFailed()
        metrics.flushFailed()
        #expect(Self.value("perch_store_failing", in: metrics) == "1.0")
        #expect(Self.value("perch_flush_failures_total", in: metrics) == "2")
        metrics.flushed(entries: 3, nanoseconds: 1_000)
        #expect(Self.value("perch_store_failing", in: metrics) == "0.0")
    }

    @Test func journalFailingIsOneFromAFailedWriteUntilOneWorks() {
        let metrics = ServerMetrics()
        let observer = JournalMetrics(metrics: metrics)
        #expect(Self.value("perch_journal_failing", in: metrics) == "0.0")
        observer.journalWriteDidFail(.failed("write: No space left on device"))
        #expect(Self.value("perch_journal_failing", in: metrics) == "1.0")
        #expect(Self.value("perch_journal_write_failures_total", in: metrics) == "1")
        observer.journalWriteDidRecover()
        #expect(Self.value("perch_journal_failing", in: metrics) == "0.0")
    }

    @Test func journalSyncTotalsBecomeCountersThatOnlyMoveUp() {
        let metrics = ServerMetrics()
        var totals = JournalSyncCounts()
        totals.syncs = 3
        totals.records = 10
        totals.waitsAfterBatch = 1
        metrics.journal(syncs: totals)
        var later = totals
        later.syncs = 5
        later.records = 16
        later.waitsForCPU = 2
        metrics.journal(syncs: later)
        // A scrape that read the totals earlier but reports them later changes nothing.
        metrics.journal(syncs: totals)
        #expect(Self.value("perch_journal_syncs_total", in: metrics) == "5")
        #expect(Self.value("perch_journal_synced_entries_total", in: metrics) == "16")
        #expect(Self.value(#"perch_journal_group_commit_waits_total{cause="batch"}"#, in: metrics) == "1")
        #expect(Self.value(#"perch_journal_group_commit_waits_total{cause="cpu"}"#, in: metrics) == "2")
    }

    @Test func sessionTotalsReportedOutOfOrderAreCountedOnce() {
        let metrics = ServerMetrics()
        metrics.sessions(cached: 10, evicted: 4, reloaded: 1)
        metrics.sessions(cached: 12, evicted: 9, reloaded: 3)
        // A scrape that read the cache earlier but reports it later changes no counter.
        metrics.sessions(cached: 10, evicted: 4, reloaded: 1)
        metrics.sessions(cached: 12, evicted: 9, reloaded: 3)
        #expect(Self.value("perch_sessions_evicted_total", in: metrics) == "9")
        #expect(Self.value("perch_sessions_reloaded_total", in: metrics) == "3")
    }
}
