import Synchronization

/// Remembers, approximately and in bounded memory, which sessions the cache evicted while they
/// could still be continued, so only a visitor who may have one pays a store lookup on return.
///
/// A ring of Bloom filters, one per `generationSeconds` of the evicted session's last activity.
/// A session is reusable up to 30 min 59 s after it, which the ring's span covers. False
/// positives cost a lookup that finds nothing; there are no false negatives within the span.
/// Memory: `generations × bitsPerGeneration / 8`, allocated at the first eviction.
package final class EvictedSessionFilter: Sendable {
    package static let generationSeconds: Int64 = 480
    /// Generations searched: the event's own and the four before it (4 × 480 s ≥ 31 min).
    private static let generations = 5

    private struct Generation {
        var number: Int64 = .min
        var words: [UInt64]
    }

    private struct State {
        var ring: [Generation] = []
    }

    private let bitsPerGeneration: Int
    private let state = Mutex(State())
    private let hasEvictions = Atomic<Bool>(false)

    /// - Parameter bitsPerGeneration: filter size; the default (8 Mi bits, 1 MiB) keeps false
    ///   positives near 3 % with a million evictions in one generation.
    package init(bitsPerGeneration: Int = 1 << 23) {
        precondition(bitsPerGeneration >= 64 && bitsPerGeneration.nonzeroBitCount == 1)
        self.bitsPerGeneration = bitsPerGeneration
    }

    /// Records that `key`'s session, last active at `lastSeen`, left the cache.
    package func insert(_ key: SessionKey, lastSeen: Int64) {
        let number = Self.generation(of: lastSeen)
        let slot = Self.slot(number)
        state.withLock { state in
            if state.ring.isEmpty {
                state.ring = (0..<Self.generations).map { _ in
                    Generation(words: [UInt64](repeating: 0, count: bitsPerGeneration / 64))
                }
            }
            if state.ring[slot].number < number {
                state.ring[slot].number = number
                for index in state.ring[slot].words.indices { state.ring[slot].words[index] = 0 }
            } else if state.ring[slot].number > number {
                return  // older than the ring: it could not be continued any more
            }
            for bit in bits(key) { state.ring[slot].words[bit >> 6] |= 1 << UInt64(bit & 63) }
        }
        hasEvictions.store(true, ordering: .releasing)
    }

    /// Whether `key` may have had a session evicted that an event at `time` could continue.
    package func mightContain(_ key: SessionKey, at time: Int64) -> Bool {
        let newest = Self.generation(of: time)
        guard !isEmpty else { return false }
        let positions = bits(key)
        return state.withLock { state in
            guard !state.ring.isEmpty else { return false }
            for number in (newest - Int64(Self.generations) + 1)...newest {
                let generation = state.ring[Self.slot(number)]
                guard generation.number == number else { continue }
                if positions.allSatisfy({ generation.words[$0 >> 6] & (1 << UInt64($0 & 63)) != 0 }) {
                    return true
                }
            }
            return false
        }
    }

    /// Whether anything was ever evicted; while not, lookups skip the lock.
    package var isEmpty: Bool { !hasEvictions.load(ordering: .acquiring) }

    private static func generation(of time: Int64) -> Int64 {
        time >= 0 ? time / generationSeconds : (time - generationSeconds + 1) / generationSeconds
    }

    private static func slot(_ number: Int64) -> Int {
        Int(((number % Int64(generations)) + Int64(generations)) % Int64(generations))
    }

    /// Three bit positions from the key's mixed hash (Kirsch–Mitzenmacher double hashing).
    private func bits(_ key: SessionKey) -> [Int] {
        let first = key.mixed
        let second = (first ^ (first >> 31)) &* 0x94D0_49BB_1331_11EB | 1
        let mask = UInt64(bitsPerGeneration - 1)
        return (0..<3).map { Int(truncatingIfNeeded: (first &+ UInt64($0) &* second) & mask) }
    }
}
