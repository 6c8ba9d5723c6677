/// Whether a site may ingest one more event now (spec box: per-site token bucket).
package enum RateDecision: Sendable, Hashable {
    case allowed
    /// Over the limit; a token is available again after this many seconds (at least 1).
    case limited(retryAfterSeconds: Int)
}
