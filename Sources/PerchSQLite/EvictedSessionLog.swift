import PerchCore
import Synchronization

/// The sessions the session cache evicted that the writer has not yet stored in
/// `session_evictions`: told by the cache (in memory, under its locks), written by the next store
/// write in its transaction, and searched by lookups until that transaction commits.
final class EvictedSessionLog: Sendable {
    private struct State {
        var pending: [EvictedSession] = []
        /// When the next write should delete rows no event could continue any more.
        var nextPrune: Int64 = .min
    }

    /// How often the writer deletes stale rows from `session_evictions`.
    static let pruneInterval: Int64 = 600

    private let state = Mutex(State())

    func append(_ evictions: [EvictedSession]) {
        state.withLock { $0.pending.append(contentsOf: evictions) }
    }

    /// Every pending eviction, for a write to store; they stay pending, so lookups still find them,
    /// until `written(_:)` says the write committed.
    func unwritten() -> [EvictedSession] {
        state.withLock { $0.pending }
    }

    /// Drops the first `count` pending evictions, which a committed write stored. Only the single
    /// writer drops, and appends go to the end, so they are the ones it took.
    func written(_ count: Int) {
        state.withLock { $0.pending.removeFirst(count) }
    }

    /// The pending evictions of `siteID` by any of `userIDs`.
    func pending(siteID: Int64, userIDs: [UInt64]) -> [EvictedSession] {
        state.withLock { state in
            state.pending.filter { $0.siteID == siteID && userIDs.contains($0.userID) }
        }
    }

    /// Whether a write at `now` should prune; if so the next prune is due an interval later.
    func claimPrune(at now: Int64) -> Bool {
        state.withLock { state in
            guard now >= state.nextPrune else { return false }
            state.nextPrune = now + Self.pruneInterval
            return true
        }
    }
}
