import PerchCore

/// The property tests' seeds: the one `PERCH_PROPERTY_SEED` names; fresh random ones when
/// `PERCH_PROPERTY_RANDOM=1` (to explore); otherwise a fixed sequence from
/// `PERCH_PROPERTY_BASE_SEED` (default 20261206), so a CI run is reproducible and a failure there
/// fails the same way on a developer's machine. A store with fewer cases runs a prefix of the
/// same sequence.
package enum PropertySeeds {
    package static func seeds(count: Int, environment: [String: String]) -> [UInt64] {
        if let text = environment["PERCH_PROPERTY_SEED"], let seed = UInt64(text) { return [seed] }
        if environment["PERCH_PROPERTY_RANDOM"] == "1" {
            var source = SystemRandomNumberGenerator()
            return (0..<count).map { _ in source.next() }
        }
        var source = SplitMix64(seed: environment["PERCH_PROPERTY_BASE_SEED"].flatMap { UInt64($0) } ?? 20_261_206)
        return (0..<count).map { _ in source.next() }
    }
}
