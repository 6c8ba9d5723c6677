import PerchCore
import PerchJournal

/// Where the pipeline puts accepted events: appends never block on I/O and return the entry's
/// sequence; the HTTP layer then waits until the journal is durable through it, with a callback
/// (from an event loop, no `await`) or asynchronously.
package protocol EventJournal: Sendable {
    /// Journals `entry`, using room `reservation` holds when given.
    func append(_ entry: JournalEntry, reservation: JournalReservation?) throws -> UInt64
    /// Room for `entries` entries or none (throws `JournalError.full`).
    func reserve(entries: Int, bytesEach: Int) throws -> JournalReservation
    func release(_ reservation: JournalReservation)
    func whenDurable(_ sequence: UInt64, _ callback: @escaping @Sendable (Result<Void, JournalError>) -> Void)
    func waitDurable(_ sequence: UInt64) async throws
}

extension Journal: EventJournal {}
