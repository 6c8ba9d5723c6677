/// Reads the sites Perch accepts events for.
package protocol SiteDirectory: Sendable {
    func allSites() throws -> [Site]
    /// A number that changes whenever a site is added, changed or removed, by any process: a
    /// cheap check of whether `allSites()` would answer differently.
    func sitesVersion() throws -> Int64
}

/// Keeps the salts visitor ids are keyed with.
package protocol SaltStore: Sendable {
    /// All stored salts, oldest first.
    func salts() throws -> [Salt]
    func insert(_ salt: Salt) throws
    /// Deletes salts created before `cutoff` (unix seconds).
    func deleteSalts(createdBefore cutoff: Int64) throws
}
