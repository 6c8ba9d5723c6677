import PerchCore
import PerchPayload

/// The pipeline's answer to one request; the HTTP layer maps it to a status.
package enum IngestResult: Sendable {
    /// 202 `ok`, with `x-plausible-dropped` when `dropped` is not empty (and `x-perch-drop-reason`
    /// when some of its reasons are for debug-mode sites). Reply once the journal is durable through
    /// `durableThrough` (nil when nothing was journaled). `stored` events were journaled.
    case accepted(stored: Int, dropped: DroppedEvents, durableThrough: UInt64?)
    /// 400 with the validation errors.
    case invalid(ValidationErrors)
    /// 429: every domain in the request was over its rate limit.
    case rateLimited(retryAfterSeconds: Int)
    /// 503: the journal cannot take more events now (the store is behind or failing).
    case unavailable(retryAfterSeconds: Int)
}
