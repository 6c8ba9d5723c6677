/// One stored event row, close to Plausible's `events_v2` (spec §10.1).
/// Visit attributes are the session's (its first event's), not necessarily this event's own.
package struct EventRecord: Sendable, Hashable {
    /// Unix seconds, UTC, whole seconds.
    package var timestamp: Int64
    package var name: String
    package var siteID: Int64
    package var userID: UInt64
    package var sessionID: UInt64
    package var hostname: String
    package var pathname: String
    package var visit: VisitAttributes
    /// Sorted by key (byte order), at most 30.
    package var props: [Prop]
    /// 0 for non-engagement events; 255 means unknown.
    package var scrollDepth: UInt8
    /// Milliseconds; 0 for non-engagement events.
    package var engagementTime: UInt32
    package var revenue: Revenue?
    /// False when the client sent `i: false` or `interactive: false`.
    package var interactive: Bool

    package init(
        timestamp: Int64,
        name: String,
        siteID: Int64,
        userID: UInt64,
        sessionID: UInt64,
        hostname: String,
        pathname: String,
        visit: VisitAttributes = VisitAttributes(),
        props: [Prop] = [],
        scrollDepth: UInt8 = 0,
        engagementTime: UInt32 = 0,
        revenue: Revenue? = nil,
        interactive: Bool = true
    ) {
        self.timestamp = timestamp
        self.name = name
        self.siteID = siteID
        self.userID = userID
        self.sessionID = sessionID
        self.hostname = hostname
        self.pathname = pathname
        self.visit = visit
        self.props = props
        self.scrollDepth = scrollDepth
        self.engagementTime = engagementTime
        self.revenue = revenue
        self.interactive = interactive
    }
}
