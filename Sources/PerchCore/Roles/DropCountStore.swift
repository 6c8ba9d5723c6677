/// Keeps hourly drop counts, so a self-hoster can see why events were not stored (`perch drops`).
package protocol DropCountStore: Sendable {
    /// Adds each count to the stored one for its (domain, reason, hour).
    func addDropCounts(_ counts: [DropCount]) throws
    /// Deletes counts for hours starting before `cutoff` (unix seconds).
    func deleteDropCounts(before cutoff: Int64) throws
    /// Counts for hours starting at or after `since`, for one domain or all.
    func dropCounts(since: Int64, domain: String?) throws -> [DropCount]
}
