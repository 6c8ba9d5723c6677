/// Where the session cache finds a session it evicted to stay within its bound, when the
/// visitor comes back within the idle timeout.
package protocol SessionArchive: Sendable {
    /// The latest stored state of a session of `siteID` by any of `userIDs` (a visitor's ids
    /// under today's and yesterday's salt) whose last event is at or after `since`; nil if none.
    func latestSession(siteID: Int64, userIDs: [UInt64], activeSince since: Int64) throws -> SessionRecord?
}
