import PerchCore
import PerchIngest
import PerchJournal
import Synchronization

/// An `EventJournal` that does what `Journal.append` does on the request's thread (encode the
/// entry, take the next sequence under a lock) and then forgets the entry: no segment file, no
/// flusher thread, no fsync, so a benchmark times the pipeline and not the disk. The framing,
/// checksum and write that the real journal's flusher does per batch are not included.
final class EncodingJournal: InstantlyDurableJournal {
    private let state = Mutex<(sequence: UInt64, bytes: Int)>((0, 0))

    /// Bytes of the entries encoded so far.
    var encodedBytes: Int { state.withLock { $0.bytes } }

    func append(_ entry: JournalEntry, reservation: JournalReservation?) throws -> UInt64 {
        let payload = JournalCodec.encode(entry)
        return state.withLock { state in
            state.sequence += 1
            state.bytes += payload.count
            return state.sequence
        }
    }
}
