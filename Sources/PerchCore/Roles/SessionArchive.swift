/// Where the session cache finds a session it evicted to stay within its bound, when the
/// visitor comes back within the idle timeout.
package protocol SessionArchive: Sendable {
    /// Told, from inside the cache (under its locks: this must not block on I/O), which sessions
    /// it evicted while they could still be continued. `latestSession` needs to find these only.
    func remember(_ evictions: [EvictedSession])

    /// The latest stored state of a session of `siteID` by any of `userIDs` (a visitor's ids
    /// under today's and yesterday's salt) whose last event is at or after `since`, among the
    /// sessions the cache said it evicted (an archive may find others too); nil if none.
    func latestSession(siteID: Int64, userIDs: [UInt64], activeSince since: Int64) throws -> SessionRecord?
}

/// A session the cache evicted while it could still be continued: whose it is, which, and when it
/// was last active.
package struct EvictedSession: Sendable, Hashable {
    package var siteID: Int64
    package var userID: UInt64
    package var sessionID: UInt64
    package var lastSeen: Int64

    package init(siteID: Int64, userID: UInt64, sessionID: UInt64, lastSeen: Int64) {
        self.siteID = siteID
        self.userID = userID
        self.sessionID = sessionID
        self.lastSeen = lastSeen
    }
}
