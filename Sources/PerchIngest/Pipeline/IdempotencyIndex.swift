import PerchCore
import Synchronization

/// The idempotency keys of the last 24 hours (the batch endpoint's event `"id"`s): a retry of a
/// key already taken is acknowledged and not stored again. A key is claimed before its event is
/// journaled (so two concurrent retries cannot both store it) and released when it was not. Keys
/// are loaded at start from the store and the journal, so this holds across restarts. Memory is
/// bounded: past `maxKeys` the oldest half is forgotten (a retry of one of those would be stored
/// again; at the default a client would have to send 1,000,000 ids a day to reach it).
package final class IdempotencyIndex: Sendable {
    package static let window: Int64 = 86_400
    let maxKeys: Int
    private let keys = Mutex<[String: Int64]>([:])

    package init(maxKeys: Int = 1_000_000) {
        self.maxKeys = maxKeys
    }

    /// Adds keys already stored or journaled, seen at `at`.
    package func load(_ known: [String], at: Int64) {
        keys.withLock { keys in
            for key in known { keys[key] = max(keys[key] ?? .min, at) }
        }
    }

    /// True when `key` was free and is now taken; false for a retry of a taken key.
    package func claim(_ key: String, at now: Int64) -> Bool {
        keys.withLock { keys in
            if let seen = keys[key], seen >= now - Self.window { return false }
            if keys.count >= maxKeys { Self.shrink(&keys, now: now, keep: maxKeys / 2) }
            keys[key] = now
            return true
        }
    }

    /// Gives back a key whose event was not journaled (invalid, limited, or the journal full).
    package func release(_ key: String) {
        _ = keys.withLock { $0.removeValue(forKey: key) }
    }

    /// Forgets keys older than the window.
    package func prune(now: Int64) {
        keys.withLock { keys in keys = keys.filter { $0.value >= now - Self.window } }
    }

    package var count: Int { keys.withLock { $0.count } }

    private static func shrink(_ keys: inout [String: Int64], now: Int64, keep: Int) {
        keys = keys.filter { $0.value >= now - window }
        guard keys.count > keep else { return }
        let cutoff = keys.values.sorted()[keys.count - keep]
        keys = keys.filter { $0.value >= cutoff }
    }
}
