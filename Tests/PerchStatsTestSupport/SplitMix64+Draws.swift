import PerchCore

/// Draws for the property test's generators; the shared seeded `SplitMix64` makes a failing
/// case replay from its seed.
extension SplitMix64 {
    /// A uniform integer in `0..<bound`.
    package mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }

    /// True with probability `percent` / 100.
    package mutating func chance(_ percent: Int) -> Bool {
        below(100) < percent
    }

    package mutating func pick<T>(_ items: [T]) -> T {
        items[below(items.count)]
    }
}
