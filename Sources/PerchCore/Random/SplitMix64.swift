/// A seedable pseudo-random generator (SplitMix64, Steele, Lea and Flood 2014): the same seed gives
/// the same sequence on every platform and in every run, which the standard library's generator
/// does not offer. It exists for synthetic data (`perch dev seed`) and for fuzz and property tests
/// whose failures must replay from their seed.
///
/// Deterministic and **not cryptographic**: its output is predictable from a few values, so never
/// use it for secrets, salts, keys or visitor ids; use `SystemRandomNumberGenerator` for those.
///
/// The sequence is frozen: tests and the dev seeder depend on the exact values of a seed.
package struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    package init(seed: UInt64) {
        state = seed
    }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
