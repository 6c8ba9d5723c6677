import PerchIngest
import PerchJournal

/// An `EventJournal` for benchmarks that keeps nothing on disk: every reservation is granted and
/// every entry is durable at once, so what a benchmark times is its own `append`.
protocol InstantlyDurableJournal: EventJournal {}

extension InstantlyDurableJournal {
    func reserve(entries: Int, bytesEach: Int) throws -> JournalReservation {
        JournalReservation(entries: entries, bytes: entries * Journal.entryCost(payloadBytes: bytesEach))
    }

    func release(_ reservation: JournalReservation) {}

    func whenDurable(_ sequence: UInt64, _ callback: @escaping @Sendable (Result<Void, JournalError>) -> Void) {
        callback(.success(()))
    }

    func waitDurable(_ sequence: UInt64) async throws {}
}
