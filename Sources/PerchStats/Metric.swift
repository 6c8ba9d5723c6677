/// A Stats API v2 metric (spec §14.2, §14.4).
package enum Metric: String, Sendable, Hashable, CaseIterable {
    case visitors, visits, pageviews
    case viewsPerVisit = "views_per_visit"
    case bounceRate = "bounce_rate"
    case visitDuration = "visit_duration"
    case events, percentage
    case conversionRate = "conversion_rate"
    case groupConversionRate = "group_conversion_rate"
    case timeOnPage = "time_on_page"
    case scrollDepth = "scroll_depth"
    case totalRevenue = "total_revenue"
    case averageRevenue = "average_revenue"

    /// Which table a metric must read (Plausible's table decider, spec §14.5).
    package enum Source: Sendable {
        case events, sessions, either
    }

    package var source: Source {
        switch self {
        case .pageviews, .events, .scrollDepth, .timeOnPage, .totalRevenue, .averageRevenue: .events
        case .bounceRate, .visitDuration, .viewsPerVisit: .sessions
        case .visitors, .visits, .percentage, .conversionRate, .groupConversionRate: .either
        }
    }

    /// Decimal places the value is rounded to (nil: not a plain number).
    package var decimals: Int? {
        switch self {
        case .viewsPerVisit, .percentage, .conversionRate, .groupConversionRate: 2
        case .totalRevenue, .averageRevenue: nil
        default: 0
        }
    }
}
