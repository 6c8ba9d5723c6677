/// Why the journal refused or lost an entry. The server maps these to HTTP statuses.
package enum JournalError: Error, Sendable, Hashable {
    /// More entries wait for the store than the journal may hold: answer 503 and retry later.
    case full
    /// The journal is not open (before recovery, or after `close()`).
    case closed
    /// An I/O error (a full or read-only disk): a file could not be read or created, or a write
    /// failed and appends are refused for a while; carries the operation and the system's reason.
    case failed(String)
    /// Bytes that are not a journal entry of a known format (corrupt or truncated input).
    case malformed(String)
}
