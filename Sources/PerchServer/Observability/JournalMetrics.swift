import PerchJournal

/// Feeds the journal's failed and recovered writes into the server's metrics.
struct JournalMetrics: JournalObserver {
    let metrics: ServerMetrics

    func journalWriteDidFail(_ error: JournalError) {
        metrics.journalWriteFailed()
    }

    func journalWriteDidRecover() {
        metrics.journalWriteRecovered()
    }
}
