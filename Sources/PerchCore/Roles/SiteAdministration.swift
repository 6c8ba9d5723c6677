/// Site administration (`perch sites`, `perch dev seed`): what the CLI changes in a store's sites.
/// A removed site keeps its id and data; adding its domain again brings both back.
package protocol SiteAdministration: SiteDirectory {
    /// The active site for `domain` (any spelling `Site.canonicalDomain` accepts), or nil.
    func site(domain: String) throws -> Site?
    /// Adds a site; throws when `domain` already is an active one (the caller then updates it).
    func addSite(domain: String, timezone: String, rateLimit: RateLimit) throws -> Site
    /// Changes the given settings of an active site; nil leaves a setting as it is.
    func updateSite(domain: String, timezone: String?, rateLimit: RateLimit?) throws -> Site
    /// Turns an active site's debug-drops mode on or off.
    func setDebugDrops(domain: String, enabled: Bool) throws
    /// Hides the site from the directory; false if no active site had that domain.
    func removeSite(domain: String) throws -> Bool
}
