/// What an aggregate's operand means, kept next to the SQL that reads it, so a store holding the
/// rows in another form (the SQLite store's column cache) can compute the aggregate without SQL
/// (see `PrecomputeRequest`). Each operand reads one row of its side's source; the events source
/// these describe holds no engagement events.
package enum Measure: Sendable, CaseIterable {
    /// The user id of an event.
    case eventVisitor
    /// The session id of an event.
    case eventSession
    /// 1 for a pageview, else 0.
    case isPageview
    /// The user id of a session.
    case sessionVisitor
    /// 1 for a bounced session, else 0.
    case sessionBounce
    /// A session's duration in seconds.
    case sessionDuration
    /// A session's pageview count.
    case sessionPageviews

    /// The operand as the planner writes it.
    var operand: SQLFragment {
        switch self {
        case .eventVisitor: "e.user_id"
        case .eventSession: "e.session_id"
        case .isPageview: "CASE WHEN e.name = 'pageview' THEN 1 ELSE 0 END"
        case .sessionVisitor: "s.user_id"
        case .sessionBounce: "s.is_bounce"
        case .sessionDuration: "s.duration"
        case .sessionPageviews: "s.pageviews"
        }
    }

    /// The measure an operand written by the planner reads, nil for one only SQL computes.
    init?(operand: SQLFragment) {
        guard let measure = Self.allCases.first(where: { $0.operand == operand }) else { return nil }
        self = measure
    }
}
