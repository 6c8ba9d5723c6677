import PerchCore

/// The session rules of spec §9: how a non-engagement event starts or extends a session.
extension SessionRecord {
    /// A session begun by `event`, which already carries its user id and the new session id.
    package static func started(by event: EventRecord, isPageview: Bool) -> SessionRecord {
        SessionRecord(
            sessionID: event.sessionID,
            siteID: event.siteID,
            userID: event.userID,
            hostname: isPageview ? event.hostname : "",
            start: event.timestamp,
            timestamp: event.timestamp,
            isBounce: isPageview || !event.interactive,
            entryPage: isPageview ? event.pathname : "",
            exitPage: isPageview ? event.pathname : "",
            exitPageHostname: isPageview ? event.hostname : "",
            pageviews: isPageview ? 1 : 0,
            events: 1,
            duration: 0,
            visit: event.visit,
            entryProps: event.props
        )
    }

    /// Folds a later non-engagement event in. Visit attributes, start and entry props never change.
    package mutating func absorb(_ event: EventRecord, isPageview: Bool) {
        timestamp = event.timestamp
        events &+= 1
        if isPageview {
            pageviews &+= 1
            if entryPage.isEmpty { entryPage = event.pathname }
            if hostname.isEmpty { hostname = event.hostname }
            exitPage = event.pathname
            exitPageHostname = event.hostname
        }
        // A non-interactive custom event must not turn a bounce into a visit (spec §4.8).
        if isBounce && (pageviews >= 2 || (!isPageview && event.interactive)) {
            isBounce = false
        }
        let elapsed = (event.timestamp - start).magnitude
        duration = UInt32(clamping: elapsed)
    }
}
