import Synchronization

/// Room in the journal held for one request's entries (`Journal.reserve`), so its events are
/// journaled all or none. Used from the request's own thread; the lock only makes it `Sendable`.
package final class JournalReservation: Sendable {
    private let rest: Mutex<(entries: Int, bytes: Int)>
    /// `JournalFaults.epoch` when the room was held: a failed write since then refuses the rest.
    let faultEpoch: Int

    package init(entries: Int, bytes: Int, faultEpoch: Int = 0) {
        rest = Mutex((entries, bytes))
        self.faultEpoch = faultEpoch
    }

    /// Takes room for one entry of `cost` bytes; nil when no entry is left in the reservation.
    /// Returns what it took from the held counts (bytes beyond the reserve are added on top).
    package func take(cost: Int) -> (entries: Int, bytes: Int)? {
        rest.withLock { rest in
            guard rest.entries > 0 else { return nil }
            let bytes = min(cost, rest.bytes)
            rest.entries -= 1
            rest.bytes -= bytes
            return (1, bytes)
        }
    }

    /// Everything not yet taken, leaving nothing.
    package func takeRest() -> (entries: Int, bytes: Int) {
        rest.withLock { rest in
            defer { rest = (0, 0) }
            return rest
        }
    }
}
