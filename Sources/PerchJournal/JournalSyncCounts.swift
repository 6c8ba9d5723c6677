/// What the flusher's syncs have done since the journal opened: how many made records durable,
/// how many records they made durable (their ratio is the group commit's batch size), and how
/// often the flusher held a batch back for more records, because the last batch was large
/// (`JournalGroupCommit.busyBatch`) or because the CPUs were saturated (`JournalGroupCommit.CPURule`).
package struct JournalSyncCounts: Sendable, Hashable {
    package var syncs = 0
    package var records = 0
    package var waitsAfterBatch = 0
    package var waitsForCPU = 0

    package init() {}
}
