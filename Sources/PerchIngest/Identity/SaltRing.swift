import PerchCore
import Synchronization

/// The salts visitor ids are keyed with (spec §8): the newest is current, the one before it is
/// previous. The request path never touches the store: the next day's salt is made and stored
/// ahead of time by `maintain` (run every minute by `SaltMaintenanceService`), and at 00:00 UTC
/// the first request of the day swaps it in, in memory. Should none be ready (the store refused
/// it), the request path makes one in memory and `maintain` stores it afterwards.
///
/// Several processes sharing a store agree on a day's salt: of the salts stored for the same
/// instant the one with the smallest bytes wins, whoever stored it.
package final class SaltRing: Sendable {
    private struct State {
        var current: Salt
        var previous: Salt?
        /// The next day's salt, stored ahead by `maintain`; nil until then.
        var upcoming: Salt?
        /// 00:00 UTC of the day after `current` was created: from then on it is stale.
        var rotateAt: Int64
        /// Salts made on the request path that `maintain` has not stored yet.
        var unpersisted: [Salt] = []
    }

    package static let maxAge: Int64 = 48 * 3600
    private static let day: Int64 = 86_400

    private let store: any SaltStore
    private let clock: any WallClock
    private let randomBytes: @Sendable () -> [UInt8]
    private let state: Mutex<State>

    /// Loads the stored salts, creating and storing one if there is none (at start-up, before any
    /// request).
    package init(
        store: any SaltStore,
        clock: any WallClock,
        randomBytes: @escaping @Sendable () -> [UInt8] = SaltRing.systemRandomBytes
    ) throws {
        self.store = store
        self.clock = clock
        self.randomBytes = randomBytes
        let now = clock.nowSeconds()
        var known = Self.canonical(try store.salts())
        if !known.contains(where: { $0.createdAt <= now }) {
            let first = Salt(bytes: randomBytes(), createdAt: now)
            try store.insert(first)
            known = Self.canonical(known + [first])
        }
        let past = known.filter { $0.createdAt <= now }
        let current = past[past.count - 1]
        state = Mutex(
            State(
                current: current,
                previous: past.count > 1 ? past[past.count - 2] : nil,
                upcoming: known.first { $0.createdAt > now },
                rotateAt: Self.startOfDay(current.createdAt) + Self.day
            ))
    }

    /// The current and previous salt at the clock's time, rotating first if a day has begun.
    package func salts() -> (current: Salt, previous: Salt?) {
        salts(nowSeconds: clock.nowSeconds())
    }

    /// The current and previous salt at `nowSeconds`, rotating first if a day has begun. No I/O.
    package func salts(nowSeconds now: Int64) -> (current: Salt, previous: Salt?) {
        state.withLock { state in
            if now >= state.rotateAt { rotate(&state, now: now) }
            return (state.current, state.previous)
        }
    }

    /// Stores what the request path made, makes and stores the next day's salt if there is none
    /// yet, and deletes salts older than 48 hours. Store I/O happens outside the lock; a failure
    /// is retried at the next call. Call it off the request path, e.g. every minute.
    package func maintain(nowSeconds now: Int64) {
        let (unpersisted, needsUpcoming) = state.withLock { ($0.unpersisted, $0.upcoming == nil) }
        var stored: [Salt] = []
        for salt in unpersisted where (try? store.insert(salt)) != nil { stored.append(salt) }
        var upcoming: Salt?
        if needsUpcoming {
            let tomorrow = Self.startOfDay(now) + Self.day
            let known = Self.canonical((try? store.salts()) ?? [])
            if let ahead = known.first(where: { $0.createdAt >= tomorrow }) {
                upcoming = ahead
            } else {
                let fresh = Salt(bytes: randomBytes(), createdAt: tomorrow)
                if (try? store.insert(fresh)) != nil {
                    // Another process may have stored one for the same instant meanwhile.
                    upcoming = Self.canonical((try? store.salts()) ?? [fresh]).first { $0.createdAt >= tomorrow }
                }
            }
        }
        try? store.deleteSalts(createdBefore: now - Self.maxAge)
        state.withLock { state in
            state.unpersisted.removeAll { stored.contains($0) }
            if state.upcoming == nil, let upcoming, upcoming.createdAt > state.current.createdAt {
                state.upcoming = upcoming
            }
        }
    }

    /// 16 bytes from the system's cryptographically secure generator.
    package static func systemRandomBytes() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        for _ in 0..<2 {
            let word = generator.next() as UInt64
            for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: word >> shift)) }
        }
        return bytes
    }

    /// In memory only: the salt made ahead if it is due, else a new one for `maintain` to store.
    private func rotate(_ state: inout State, now: Int64) {
        let next: Salt
        if let upcoming = state.upcoming, upcoming.createdAt <= now {
            next = upcoming
            state.upcoming = nil
        } else {
            next = Salt(bytes: randomBytes(), createdAt: Self.startOfDay(now))
            state.unpersisted.append(next)
        }
        // A salt past 48 hours is deleted from the store, so it is not kept as previous either.
        state.previous = state.current.createdAt >= now - Self.maxAge ? state.current : nil
        state.current = next
        state.rotateAt = Self.startOfDay(next.createdAt) + Self.day
    }

    /// Oldest first, one salt per instant: of several stored for the same instant (by processes
    /// racing), the one with the smallest bytes, so every process picks the same.
    static func canonical(_ salts: [Salt]) -> [Salt] {
        let sorted = salts.sorted {
            $0.createdAt != $1.createdAt ? $0.createdAt < $1.createdAt : $0.bytes.lexicographicallyPrecedes($1.bytes)
        }
        var out: [Salt] = []
        for salt in sorted where out.last?.createdAt != salt.createdAt { out.append(salt) }
        return out
    }

    private static func startOfDay(_ seconds: Int64) -> Int64 {
        seconds - ((seconds % day) + day) % day
    }
}
