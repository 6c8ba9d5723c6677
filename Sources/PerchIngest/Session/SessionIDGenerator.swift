import Synchronization

/// Makes session ids: SipHash-2-4, keyed with 128 random bits drawn once, over a counter. The ids
/// are as unpredictable as random ones to anyone without the key and never repeat within a
/// process, and a new session costs an atomic increment instead of a `getrandom` system call
/// (which `UInt64.random` makes each time on Linux).
package final class SessionIDGenerator: Sendable {
    private let key: (k0: UInt64, k1: UInt64)
    private let counter = Atomic<UInt64>(0)

    package init() {
        var random = SystemRandomNumberGenerator()
        key = (random.next(), random.next())
    }

    /// The next id; never 0, which means "no session".
    package func next() -> UInt64 {
        while true {
            var hasher = SipHash24(k0: key.k0, k1: key.k1)
            let count = counter.add(1, ordering: .relaxed).newValue
            withUnsafeBytes(of: count.littleEndian) { hasher.append($0) }
            let id = hasher.finalize()
            if id != 0 { return id }
        }
    }
}
