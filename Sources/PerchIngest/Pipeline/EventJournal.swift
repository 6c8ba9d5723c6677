import PerchCore
import PerchJournal

/// Where the pipeline puts accepted events: appends never block on I/O and return the entry's
/// sequence; the HTTP layer then waits until the journal is durable through it.
package protocol EventJournal: Sendable {
    func append(_ entry: JournalEntry) throws -> UInt64
    func waitDurable(_ sequence: UInt64) async throws
}

extension Journal: EventJournal {}
