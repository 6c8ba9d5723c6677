/// Reads the sites Perch accepts events for.
package protocol SiteDirectory: Sendable {
    func allSites() throws -> [Site]
}

/// Keeps the salts visitor ids are keyed with.
package protocol SaltStore: Sendable {
    /// All stored salts, oldest first.
    func salts() throws -> [Salt]
    func insert(_ salt: Salt) throws
    /// Deletes salts created before `cutoff` (unix seconds).
    func deleteSalts(createdBefore cutoff: Int64) throws
}
