import Synchronization

/// Makes session ids: the session's start second in the high 32 bits, and below it a counter
/// enciphered with 128 random bits drawn once (a 32-bit Feistel permutation, SipHash-2-4 rounds).
///
/// Why the start second: SQLite's `sessions_session` index is keyed by the id. Random ids put each
/// new session on a random leaf page, so once the index outgrows a batch every new session costs
/// the writer a page of its own to rewrite, and the WAL a 4 KiB page per session. Ids that grow
/// with the start land next to each other, on the index's last few pages.
///
/// The low half is a permutation of the counter, so ids of one process never repeat (until 2^32
/// sessions started in one second) and are as unpredictable as random ones to anyone without the
/// key; a new session costs an atomic increment instead of a `getrandom` system call (which
/// `UInt64.random` makes each time on Linux). Another process draws another key: its ids can
/// meet this one's only in a second both started sessions in, with odds of 2^-32 per pair.
package final class SessionIDGenerator: Sendable {
    private let key: (k0: UInt64, k1: UInt64)
    private let counter = Atomic<UInt64>(0)

    package init() {
        var random = SystemRandomNumberGenerator()
        key = (random.next(), random.next())
    }

    /// The id of a session starting at `start` (Unix seconds, clamped to 0...2^32 - 1); never 0,
    /// which means "no session".
    package func next(startingAt start: Int64) -> UInt64 {
        let high = UInt64(UInt32(clamping: start)) << 32
        while true {
            let count = counter.add(1, ordering: .relaxed).newValue
            let id = high | UInt64(encipher(UInt32(truncatingIfNeeded: count)))
            if id != 0 { return id }
        }
    }

    /// A bijection of 32-bit values: four Feistel rounds over 16-bit halves, each round's function
    /// SipHash-2-4 of the round number and the right half under the key.
    private func encipher(_ value: UInt32) -> UInt32 {
        var left = UInt16(truncatingIfNeeded: value >> 16)
        var right = UInt16(truncatingIfNeeded: value)
        for round in 0..<UInt64(4) {
            var hasher = SipHash24(k0: key.k0, k1: key.k1)
            withUnsafeBytes(of: (round << 16 | UInt64(right)).littleEndian) { hasher.append($0) }
            (left, right) = (right, left ^ UInt16(truncatingIfNeeded: hasher.finalize()))
        }
        return UInt32(left) << 16 | UInt32(right)
    }
}
