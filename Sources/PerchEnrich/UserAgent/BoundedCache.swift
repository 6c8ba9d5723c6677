import Synchronization

/// A fixed-capacity, thread-safe memo (e.g. User-Agent → verdict) for the ingest hot path. Keys
/// hash to one of a few `Mutex`-guarded shards so concurrent requests rarely contend; a shard that
/// reaches its share of the capacity is emptied before the next insert. That per-shard reset is
/// cruder than LRU, but costs nothing per hit and keeps memory bounded under an unbounded key space
/// (every distinct UA string a client can invent).
package final class BoundedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    /// `Mutex` is not copyable, so each one lives in a class instance the array can hold.
    private final class Shard: Sendable {
        let entries = Mutex<[Key: Value]>([:])
    }

    private let shards: [Shard]
    private let shardCapacity: Int

    /// - Parameters:
    ///   - capacity: the most entries held at once across all shards (at least one per shard).
    ///   - shardCount: independent locks; rounded up to a power of two.
    package init(capacity: Int, shardCount: Int = 16) {
        var count = 1
        while count < max(1, shardCount) { count <<= 1 }
        shardCapacity = max(1, capacity / count)
        shards = (0..<count).map { _ in Shard() }
    }

    /// The most entries the cache can hold.
    package var capacity: Int { shardCapacity * shards.count }

    /// Entries currently held (a snapshot; other threads may change it at once).
    package var count: Int { shards.reduce(0) { total, shard in total + shard.entries.withLock { $0.count } } }

    package subscript(key: Key) -> Value? {
        shard(for: key).entries.withLock { $0[key] }
    }

    package func insert(_ value: Value, for key: Key) {
        let limit = shardCapacity
        shard(for: key).entries.withLock { entries in
            if entries.count >= limit && entries[key] == nil { entries.removeAll(keepingCapacity: true) }
            entries[key] = value
        }
    }

    /// The cached value for `key`, or `make(key)` stored and returned. `make` runs outside the lock,
    /// so two threads missing together may both compute; both get a correct value.
    package func value(for key: Key, orInsert make: (Key) -> Value) -> Value {
        if let cached = self[key] { return cached }
        let value = make(key)
        insert(value, for: key)
        return value
    }

    private func shard(for key: Key) -> Shard {
        shards[key.hashValue & (shards.count - 1)]
    }
}
