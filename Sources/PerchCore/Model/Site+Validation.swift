/// What a store accepts when a site is added or changed, the same in every store.
extension Site {
    /// The canonical form of `raw` (`canonicalDomain`) if it can name a site: not empty, and no
    /// spaces, control characters, quotes, commas or URL delimiters; nil otherwise.
    package static func validDomain(_ raw: String) -> String? {
        let canonical = canonicalDomain(raw)
        let allowed = canonical.unicodeScalars.allSatisfy { scalar in
            scalar.value > 0x20 && scalar.value != 0x7F && !"/\\?#@ ,\"".unicodeScalars.contains(scalar)
        }
        return !canonical.isEmpty && allowed ? canonical : nil
    }
}

extension RateLimit {
    /// Unlimited, or a non-negative rate with a burst of at least one. A rate of 0 per minute is a
    /// blocked site (Plausible's blocked sites): every event is answered 429.
    package var isValid: Bool {
        guard let perMinute = eventsPerMinute else { return true }
        return perMinute >= 0 && burst >= 1
    }
}
