/// Hears of the journal's failed and recovered writes, so the server can count them. Called on
/// the journal's flusher thread; keep the work small.
package protocol JournalObserver: Sendable {
    /// A write or sync failed (a full or read-only disk, an I/O error): appends are refused for a
    /// while and the entries that were not written are reported failed to their appenders.
    func journalWriteDidFail(_ error: JournalError)
    /// A write succeeded after one or more failed.
    func journalWriteDidRecover()
}
