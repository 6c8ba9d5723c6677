import PerchCore
import Synchronization

/// The salts visitor ids are keyed with (spec §8): the newest is current, the one before it is
/// previous. Rotated lazily on the first use after 00:00 UTC, so the hot path costs one
/// comparison and the store is touched only at rotation.
package final class SaltRing: Sendable {
    private struct State {
        var current: Salt
        var previous: Salt?
        /// 00:00 UTC of the day after `current` was created: from then on it is stale.
        var rotateAt: Int64
        /// A rotated salt the store refused; retried so a restart does not lose it.
        var unpersisted: Salt?
        var retryAt: Int64 = .max

        var nextCheckAt: Int64 { min(rotateAt, retryAt) }
    }

    package static let maxAge: Int64 = 48 * 3600
    private static let day: Int64 = 86_400
    private static let retryDelay: Int64 = 60

    private let store: any SaltStore
    private let clock: any WallClock
    private let randomBytes: @Sendable () -> [UInt8]
    private let state: Mutex<State>

    /// Loads the stored salts, creating and storing one if there is none.
    package init(
        store: any SaltStore,
        clock: any WallClock,
        randomBytes: @escaping @Sendable () -> [UInt8] = SaltRing.systemRandomBytes
    ) throws {
        self.store = store
        self.clock = clock
        self.randomBytes = randomBytes
        var known = try store.salts().sorted { $0.createdAt < $1.createdAt }
        if known.isEmpty {
            let first = Salt(bytes: randomBytes(), createdAt: clock.nowSeconds())
            try store.insert(first)
            known = [first]
        }
        let current = known[known.count - 1]
        state = Mutex(
            State(
                current: current,
                previous: known.count > 1 ? known[known.count - 2] : nil,
                rotateAt: Self.startOfDay(current.createdAt) + Self.day
            ))
    }

    /// The current and previous salt at the clock's time, rotating first if a day has begun.
    package func salts() -> (current: Salt, previous: Salt?) {
        salts(nowSeconds: clock.nowSeconds())
    }

    /// The current and previous salt at `nowSeconds`, rotating first if a day has begun.
    package func salts(nowSeconds now: Int64) -> (current: Salt, previous: Salt?) {
        state.withLock { state in
            if now >= state.nextCheckAt { maintain(&state, now: now) }
            return (state.current, state.previous)
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

    private func maintain(_ state: inout State, now: Int64) {
        if let pending = state.unpersisted {
            persist(pending, into: &state, now: now)
        }
        if now >= state.rotateAt { rotate(&state, now: now) }
    }

    private func rotate(_ state: inout State, now: Int64) {
        let today = Self.startOfDay(now)
        // Re-read the store: another process sharing it may already have rotated today.
        var known = (try? store.salts()) ?? [state.previous, state.current].compactMap { $0 }
        known.sort { $0.createdAt < $1.createdAt }
        if known.last.map({ $0.createdAt < today }) ?? true {
            let fresh = Salt(bytes: randomBytes(), createdAt: now)
            known.append(fresh)
            persist(fresh, into: &state, now: now)
        }
        let cutoff = now - Self.maxAge
        try? store.deleteSalts(createdBefore: cutoff)
        known.removeAll { $0.createdAt < cutoff }
        let current = known[known.count - 1]
        state.current = current
        state.previous = known.count > 1 ? known[known.count - 2] : nil
        state.rotateAt = Self.startOfDay(current.createdAt) + Self.day
    }

    private func persist(_ salt: Salt, into state: inout State, now: Int64) {
        do {
            try store.insert(salt)
            state.unpersisted = nil
            state.retryAt = .max
        } catch {
            state.unpersisted = salt
            state.retryAt = now + Self.retryDelay
        }
    }

    private static func startOfDay(_ seconds: Int64) -> Int64 {
        seconds - ((seconds % day) + day) % day
    }
}
