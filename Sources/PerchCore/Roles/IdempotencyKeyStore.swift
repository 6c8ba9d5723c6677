/// Keeps the idempotency keys of stored events (the batch endpoint's `"id"`s), so a retry after a
/// restart is still recognised. Keys are written with their events (`StoreBatch.idempotencyKeys`).
package protocol IdempotencyKeyStore: Sendable {
    /// Keys of events at or after `since` (unix seconds).
    func idempotencyKeys(since: Int64) throws -> [String]
    func deleteIdempotencyKeys(before: Int64) throws
}
