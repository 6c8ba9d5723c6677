import PerchCore
import Synchronization

/// The sessions the session cache evicted that the writer has not yet stored in
/// `session_evictions`: told by the cache (in memory, under its locks), taken by the next store
/// write into its transaction, and searched by lookups until then.
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

    /// Takes every pending eviction, for the write about to store them.
    func take() -> [EvictedSession] {
        state.withLock { state in
            defer { state.pending.removeAll() }
            return state.pending
        }
    }

    /// Puts back evictions a write took but did not commit, ahead of any told since.
    func restore(_ evictions: [EvictedSession]) {
        state.withLock { $0.pending.insert(contentsOf: evictions, at: 0) }
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
