import PerchCore
import PerchIngest
import PerchJournal
import Synchronization

/// An `EventJournal` that keeps the entries it is given, numbered, in memory until they are taken:
/// what `Journal.pendingBatch` hands the writer, without segment files, a flusher or fsyncs.
final class CollectingJournal: InstantlyDurableJournal {
    private let state = Mutex<(sequence: UInt64, entries: [SequencedEntry])>((0, []))

    func append(_ entry: JournalEntry, reservation: JournalReservation?) throws -> UInt64 {
        state.withLock { state in
            state.sequence += 1
            state.entries.append(SequencedEntry(sequence: state.sequence, entry: entry))
            return state.sequence
        }
    }

    /// Entries appended and not yet taken.
    var count: Int { state.withLock { $0.entries.count } }

    /// The entries appended since the last call, oldest first.
    func take() -> [SequencedEntry] {
        state.withLock { state in
            defer { state.entries = [] }
            return state.entries
        }
    }
}
