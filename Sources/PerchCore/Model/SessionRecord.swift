/// The current state of one visit, close to Plausible's `sessions_v2` (spec §10.2).
/// Stores keep one row per session id (the newest state: the one with the most `events`),
/// which is what Plausible's collapsing table converges to.
package struct SessionRecord: Sendable, Hashable {
    package var sessionID: UInt64
    package var siteID: Int64
    package var userID: UInt64
    /// Hostname of the entry page (`entry_page_hostname`).
    package var hostname: String
    /// Unix seconds of the first event.
    package var start: Int64
    /// Unix seconds of the last (non-engagement) event.
    package var timestamp: Int64
    package var isBounce: Bool
    package var entryPage: String
    package var exitPage: String
    package var exitPageHostname: String
    package var pageviews: Int32
    package var events: Int32
    /// Seconds between start and the last event.
    package var duration: UInt32
    package var visit: VisitAttributes
    package var entryProps: [Prop]

    package init(
        sessionID: UInt64,
        siteID: Int64,
        userID: UInt64,
        hostname: String,
        start: Int64,
        timestamp: Int64,
        isBounce: Bool,
        entryPage: String,
        exitPage: String,
        exitPageHostname: String,
        pageviews: Int32,
        events: Int32,
        duration: UInt32,
        visit: VisitAttributes,
        entryProps: [Prop]
    ) {
        self.sessionID = sessionID
        self.siteID = siteID
        self.userID = userID
        self.hostname = hostname
        self.start = start
        self.timestamp = timestamp
        self.isBounce = isBounce
        self.entryPage = entryPage
        self.exitPage = exitPage
        self.exitPageHostname = exitPageHostname
        self.pageviews = pageviews
        self.events = events
        self.duration = duration
        self.visit = visit
        self.entryProps = entryProps
    }
}
