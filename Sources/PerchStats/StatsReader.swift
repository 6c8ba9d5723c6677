import PerchCore

/// What the Stats API reads from a store: sites, their goals, API keys, and the rows of planned
/// statements. Implementations run reads off the caller's thread (they may take a while) and must
/// bind every parameter, never splice it (a store without parameters, ClickHouse 18.16, runs the
/// text its dialect rendered with every value an escaped literal, and splices nothing itself).
package protocol StatsReader: Sendable {
    /// The active site for a canonical domain, with the instant of its first stored event.
    func statsSite(domain: String) async throws -> StatsSite?
    func goals(siteID: Int64) async throws -> [Goal]
    /// The active (not revoked) key whose secret hashes to `hash` (see `APIKey.hash`).
    func apiKey(hash: String) async throws -> APIKey?
    /// The rows of a planned statement, columns in select order.
    func rows(_ statement: PlannedStatement) async throws -> [[SQLValue]]
    /// Distinct visitors of sessions active at or after `since` (unix seconds).
    func currentVisitors(siteID: Int64, since: Int64) async throws -> Int
    /// Each requested side's groups and total as JSON text (see `SideGroupsRequest`), computed
    /// without SQL; nil when the store cannot answer this request that way (then SQL does).
    func precomputedGroups(_ request: PrecomputeRequest) async throws -> PrecomputedGroups?
    /// Custom property keys of the site's events at or after `since` (unix seconds), sorted, at
    /// most `limit`: what the dashboard's Properties panel offers.
    func propertyKeys(siteID: Int64, since: Int64, limit: Int) async throws -> [String]
}

extension StatsReader {
    package func precomputedGroups(_ request: PrecomputeRequest) async throws -> PrecomputedGroups? {
        nil
    }
}

/// A site as the Stats API needs it.
package struct StatsSite: Sendable, Hashable {
    package var site: Site
    /// Unix seconds of the first stored event, nil before any: where `date_range: "all"` starts.
    package var firstEventAt: Int64?

    package init(site: Site, firstEventAt: Int64?) {
        self.site = site
        self.firstEventAt = firstEventAt
    }
}
