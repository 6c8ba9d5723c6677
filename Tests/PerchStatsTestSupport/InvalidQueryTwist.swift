import PerchCore
import PerchStats

/// Turns a valid generated query into one the validator must refuse (spec §14.2), with a piece
/// of the 400 message it must give.
package enum InvalidQueryTwist {
    package static func apply(_ valid: PropertyQuery, _ random: inout SplitMix64) -> (PropertyQuery, message: String) {
        var query = valid
        query.timeLabels = false
        switch random.below(8) {
        case 0:
            query.metrics = [.viewsPerVisit]
            query.dimensions = [random.pick([.event(.page), .visit(.source), .time(.day)])]
            query.filters = []
            query.orderBy = nil
            return (query, "Metric `views_per_visit` cannot be queried with `dimensions`.")
        case 1:
            query.metrics = [.bounceRate]
            query.dimensions = [random.pick([.event(.name), .prop("plan")])]
            query.orderBy = nil
            return (query, "Session metric(s) `bounce_rate` cannot be queried along with event dimension(s)")
        case 2:
            query.metrics = [random.pick([.pageviews, .events, .totalRevenue])]
            query.dimensions = [.visit(.entryPage)]
            query.orderBy = nil
            return (query, "cannot be queried along with session dimension(s) `visit:entry_page`")
        case 3:
            query.metrics = [.conversionRate]
            query.dimensions = []
            query.filters = []
            query.orderBy = nil
            return (query, "Metric `conversion_rate` can only be queried with event:goal filters or dimensions.")
        case 4:
            let goal = FilterLeaf(op: .is, dimension: .event(.goal), clauses: [.string("Signup")])
            query.filters = [.not(.leaf(goal))]
            return (query, "Dimension `event:goal` can only be filtered at the top level.")
        case 5:
            let page = FilterLeaf(op: .is, dimension: .event(.page), clauses: [.string("/a")])
            query.filters = [.hasDone(.hasNotDone(.leaf(page)))]
            return (query, "Behavioral filters (has_done, has_not_done) cannot be nested.")
        case 6:
            let source = FilterLeaf(op: .is, dimension: .visit(.source), clauses: [.string("Google")])
            query.filters = [.hasDone(.leaf(source))]
            return (query, "can only be used with event dimension filters.")
        default:
            let goal = FilterLeaf(op: .is, dimension: .event(.goal), clauses: [.string("Visit /nowhere")])
            query.filters = [.leaf(goal)]
            return (query, "The goal `Visit /nowhere` is not configured for this site.")
        }
    }
}
