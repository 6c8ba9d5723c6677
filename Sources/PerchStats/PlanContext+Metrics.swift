extension PlanContext {
    private var visitorsOfEvents: SQLFragment {
        dialect.countDistinct("CASE WHEN e.name <> 'engagement' THEN e.user_id END")
    }

    /// A metric's unrounded aggregate over one side's rows (spec §14.4).
    func sideMetric(_ metric: Metric, side: TableSide) -> SQLFragment {
        switch (side, metric) {
        case (.events, .visitors), (.events, .groupConversionRate): return visitorsOfEvents
        case (.events, .visits): return dialect.countDistinct("CASE WHEN e.name <> 'engagement' THEN e.session_id END")
        case (.events, .pageviews): return "sum(CASE WHEN e.name = 'pageview' THEN 1 ELSE 0 END)"
        case (.events, .events): return "sum(CASE WHEN e.name <> 'engagement' THEN 1 ELSE 0 END)"
        case (.events, .timeOnPage):
            let sessions = dialect.countDistinct(
                "CASE WHEN e.name = 'engagement' AND e.engagement_time > 0 THEN e.session_id END")
            return "sum(CASE WHEN e.name = 'engagement' THEN e.engagement_time ELSE 0 END) / 1000.0 / "
                + "nullif(\(sessions), 0)"
        case (.events, .totalRevenue): return "sum(e.revenue_reporting_amount) / 1000.0"
        case (.events, .averageRevenue): return "avg(e.revenue_reporting_amount) / 1000.0"
        case (.events, .percentage):
            return "100.0 * \(visitorsOfEvents) / nullif((SELECT \(visitorsOfEvents) FROM \(base(.events))), 0)"
        case (.events, .conversionRate):
            let total =
                "SELECT \(dialect.countDistinct("e.user_id")) FROM "
                + base(.events, excludingGoalFilters: true, withGoals: false)
            return "100.0 * \(visitorsOfEvents) / nullif((\(total)), 0)"
        case (.sessions, .visitors): return dialect.countDistinct("s.user_id")
        case (.sessions, .visits): return "count(*)"
        case (.sessions, .bounceRate): return "100.0 * sum(s.is_bounce) / nullif(count(*), 0)"
        case (.sessions, .visitDuration): return "avg(s.duration)"
        case (.sessions, .viewsPerVisit): return "sum(s.pageviews) * 1.0 / nullif(count(*), 0)"
        case (.sessions, .percentage):
            let visitors = dialect.countDistinct("s.user_id")
            return "100.0 * \(visitors) / nullif((SELECT \(visitors) FROM \(base(.sessions))), 0)"
        case (.sessions, _), (.events, _):
            // Not reachable after validation (e.g. pageviews never read sessions); keeps SQL valid.
            return "NULL"
        }
    }

    /// The metric as returned: rounded as spec §14.4 says, zero where Plausible answers zero.
    func finalMetric(_ metric: Metric, driver: String) -> SQLFragment {
        let cte = metric == .scrollDepth ? "sd" : (side(of: metric) == .events ? "ev" : "se")
        let ref: SQLFragment = "\(raw: cte).m_\(raw: metric.rawValue)"
        switch metric {
        case .visitors, .visits, .pageviews, .events: return "coalesce(\(ref), 0)"
        case .bounceRate, .visitDuration: return "coalesce(\(dialect.round(ref, decimals: 0)), 0)"
        case .viewsPerVisit, .conversionRate: return "coalesce(\(dialect.round(ref, decimals: 2)), 0)"
        case .percentage: return dialect.round(ref, decimals: 2)
        case .timeOnPage, .scrollDepth: return dialect.round(ref, decimals: 0)
        case .groupConversionRate:
            return "coalesce(\(dialect.round("100.0 * \(ref) / nullif(gd.total, 0)", decimals: 2)), 0)"
        case .totalRevenue, .averageRevenue: return ref
        }
    }
}
