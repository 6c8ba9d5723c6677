/// Reads the sites Perch accepts events for.
package protocol SiteDirectory: Sendable {
    func allSites() throws -> [Site]
    /// A number that changes whenever a site is added, changed or removed, by any process: a
    /// cheap check of whether `allSites()` would answer differently.
    func sitesVersion() throws -> Int64
    /// Whether reads answer from this machine in microseconds (an embedded database), so an event
    /// loop may make one when an event names an unknown domain. False for a store behind the
    /// network: its reads block on I/O and must never run on an event loop.
    var readsLocally: Bool { get }
}

extension SiteDirectory {
    package var readsLocally: Bool { true }
}

/// Keeps the salts visitor ids are keyed with.
package protocol SaltStore: Sendable {
    /// All stored salts, oldest first.
    func salts() throws -> [Salt]
    func insert(_ salt: Salt) throws
    /// Deletes salts created before `cutoff` (unix seconds).
    func deleteSalts(createdBefore cutoff: Int64) throws
}
