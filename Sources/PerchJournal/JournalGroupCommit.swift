import PerchCore

/// How long the flusher lets a batch gather more records before it syncs (fsync mode only).
///
/// Under load the flusher syncs back to back, and each sync takes whatever arrived during the
/// one before: a few records for one `fdatasync`, one flusher wake-up and one reply hand-off to
/// each event loop. When the last sync ended moments ago and the batch before it was shared,
/// the flusher instead waits a bounded time, or until `targetRecords` are staged, so one sync
/// carries more records. When the journal is quiet (the last sync long ago, or it carried a
/// single record) it syncs at once, so a lone request pays no delay.
///
/// "Busy" is judged by the last batch's size, and, with a `CPURule`, by the machine's CPUs: a
/// saturated machine waits after smaller batches than one with CPU to spare.
///
/// The wait only moves a sync later: no appender learns its entry is durable before the sync
/// that covers its record, so fsync mode's promise is unchanged.
package struct JournalGroupCommit: Sendable, Hashable {
    /// The longest a batch waits for more records; zero never waits.
    package var maxDelayNanoseconds: UInt64
    /// Waiting ends as soon as this many records are staged.
    package var targetRecords: Int
    /// The flusher waits only when the previous sync ended less than this long ago.
    package var busyWithinNanoseconds: UInt64
    /// ... and carried at least this many records.
    package var busyBatch: Int
    /// When the flusher also counts the journal as busy after a smaller batch: while the CPUs
    /// are saturated. Nil leaves the CPU out.
    package var cpu: CPURule?

    /// A saturated machine counts a batch of `batch` records as busy (instead of `busyBatch`).
    /// The CPUs are saturated when less than `idleBelow` of their time over the last `window`
    /// was idle (`CPUSaturation`).
    package struct CPURule: Sendable, Hashable {
        package var batch: Int
        package var window: Duration
        package var idleBelow: Double

        package init(batch: Int, window: Duration, idleBelow: Double) {
            self.batch = batch
            self.window = window
            self.idleBelow = idleBelow
        }
    }

    package init(
        maxDelay: Duration, targetRecords: Int, busyWithin: Duration, busyBatch: Int = 2, cpu: CPURule? = nil
    ) {
        precondition(targetRecords > 0, "the group commit target must be positive")
        maxDelayNanoseconds = UInt64(max(0, maxDelay.wholeNanoseconds))
        self.targetRecords = targetRecords
        busyWithinNanoseconds = UInt64(max(0, busyWithin.wholeNanoseconds))
        self.busyBatch = busyBatch
        self.cpu = cpu
    }

    /// Syncs every batch as soon as the flusher has it.
    package static let immediate = JournalGroupCommit(maxDelay: .zero, targetRecords: 1, busyWithin: .zero)

    /// What the server uses. Under the load harness it made a sync carry about 28 records instead
    /// of 15, with a fifth fewer context switches per request and a tenth less CPU per request; a
    /// 200 µs wait gained fewer records per sync and no fewer switches, its own sleep and wake-up
    /// costing what the syncs saved.
    ///
    /// `targetRecords` 16: a closed loop of clients (the harness's 32 connections, each waiting
    /// for its reply before the next request) never has 64 records staged, so with that target
    /// every wait ran its whole 500 µs, and once the event loops needed less CPU the server sat
    /// idle waiting: 32,100–32,500 requests/s against 34,200–35,700 with no wait at all. Ending
    /// the wait at 12, 16 or 20 staged records gave 37,200–38,300 (two runs each, ratio
    /// 0.35–0.38), keeping most of the CPU saving (34–35 µs a request against 38–39 without the
    /// wait).
    ///
    /// `busyBatch` 12 keeps the wait to a saturated server: at half the harness's maximum, a sync
    /// taken at once carries about 4 records, so the journal does not count as busy and p50 stays
    /// near the no-wait figure (0.81–0.93 ms against 1.02–1.16 ms when any shared sync made it
    /// wait, 0.66–0.77 ms without the wait); at the maximum a sync carries 7–15 records, one
    /// reaching 12 starts the wait, and the fuller batches keep it going (CPU per request 42–45 µs
    /// against 49–52 µs without the wait).
    ///
    /// `cpu`: on a machine where wake-ups and syncs cost more (a slower virtual machine, where a
    /// sync carried only about 3 records at the maximum, so a batch of 12 never started the
    /// wait), the same wait after batches of 4 cut the flusher's CPU by a third at the maximum
    /// but raised p50 at half load from 1.0 to 1.5–1.8 ms: the batch size looked the same at both
    /// loads. The CPUs tell them apart: 3–6% idle at the maximum, over 35% at half load.
    package static let standard = JournalGroupCommit(
        maxDelay: .microseconds(500), targetRecords: 16, busyWithin: .milliseconds(2), busyBatch: 12,
        cpu: CPURule(batch: 2, window: .milliseconds(200), idleBelow: 0.15))

    /// Whether deciding on the batch after one of `previousBatch` records, `sinceLastSync`
    /// nanoseconds after it was synced, needs to know if the CPUs are saturated.
    func asksCPU(sinceLastSync: UInt64, previousBatch: Int) -> Bool {
        guard let cpu, maxDelayNanoseconds > 0, sinceLastSync < busyWithinNanoseconds else { return false }
        return previousBatch >= cpu.batch && previousBatch < busyBatch
    }

    /// How long to wait before taking a batch of `staged` records, `sinceLastSync` nanoseconds
    /// after the previous sync ended, which carried `previousBatch` records, with the CPUs
    /// saturated or not; nil to sync at once.
    func delay(staged: Int, sinceLastSync: UInt64, previousBatch: Int, cpuSaturated: Bool = false) -> UInt64? {
        let busyAfter = cpuSaturated ? min(busyBatch, cpu?.batch ?? busyBatch) : busyBatch
        guard maxDelayNanoseconds > 0, staged > 0, staged < targetRecords, previousBatch >= busyAfter,
            sinceLastSync < busyWithinNanoseconds
        else { return nil }
        return maxDelayNanoseconds
    }
}
