extension PlanContext {
    /// An event row's visitor and session, NULL for engagement events; the plain columns when the
    /// events side has no engagement rows (a CASE per row costs a scan of a busy site ~10%).
    private var visitorIDOfEvent: SQLFragment {
        keepsEngagementEvents ? "CASE WHEN e.name <> 'engagement' THEN e.user_id END" : Measure.eventVisitor.operand
    }

    private var sessionIDOfEvent: SQLFragment {
        keepsEngagementEvents ? "CASE WHEN e.name <> 'engagement' THEN e.session_id END" : Measure.eventSession.operand
    }

    /// A metric's unrounded aggregate over one side's rows (spec §14.4), its aggregates written
    /// by `aggregate` (plain SQL unless a hash-grouped plan collects them).
    func sideMetric(
        _ metric: Metric, side: TableSide, aggregate collected: ((Aggregate) -> SQLFragment)? = nil
    ) -> SQLFragment {
        let weighted = side == .sessions && weighsSessionRows
        let aggregate = collected ?? { (weighted ? dialect.signWeighted($0) : nil) ?? $0.sql(dialect) }
        // A function, not a value: every aggregate written is one the plan computes.
        let visitorsOfEvents = { aggregate(.distinct(visitorIDOfEvent)) }
        switch (side, metric) {
        case (.events, .visitors), (.events, .groupConversionRate): return visitorsOfEvents()
        case (.events, .visits): return aggregate(.distinct(sessionIDOfEvent))
        case (.events, .pageviews): return aggregate(.sum(Measure.isPageview.operand))
        case (.events, .events):
            return keepsEngagementEvents
                ? aggregate(.sum("CASE WHEN e.name <> 'engagement' THEN 1 ELSE 0 END")) : aggregate(.count)
        case (.events, .timeOnPage):
            let time = aggregate(.sum("CASE WHEN e.name = 'engagement' THEN e.engagement_time ELSE 0 END"))
            let sessions = aggregate(
                .distinct("CASE WHEN e.name = 'engagement' AND e.engagement_time > 0 THEN e.session_id END"))
            return "\(time) / 1000.0 / nullif(\(sessions), 0)"
        case (.events, .totalRevenue):
            return "\(aggregate(.sum(dialect.milliAmount("e.revenue_reporting_amount")))) / 1000.0"
        case (.events, .averageRevenue):
            return "\(aggregate(.average(dialect.milliAmount("e.revenue_reporting_amount")))) / 1000.0"
        case (.events, .percentage) where dividesOutermost, (.events, .conversionRate) where dividesOutermost:
            return visitorsOfEvents()
        case (.events, .percentage):
            return "100.0 * \(visitorsOfEvents()) / nullif((\(percentageTotal(.events))), 0)"
        case (.events, .conversionRate):
            return "100.0 * \(visitorsOfEvents()) / nullif((\(conversionTotal)), 0)"
        case (.sessions, .visitors): return aggregate(.distinct(Measure.sessionVisitor.operand))
        case (.sessions, .visits): return aggregate(.count)
        case (.sessions, .bounceRate):
            if let entered = entryPageCondition {
                let bounces = aggregate(.sum("CASE WHEN \(entered) THEN \(Measure.sessionBounce.operand) ELSE 0 END"))
                let visits = aggregate(.sum("CASE WHEN \(entered) THEN 1 ELSE 0 END"))
                return "100.0 * \(bounces) / nullif(\(visits), 0)"
            }
            return "100.0 * \(aggregate(.sum(Measure.sessionBounce.operand))) / nullif(\(aggregate(.count)), 0)"
        case (.sessions, .visitDuration): return aggregate(.average(Measure.sessionDuration.operand))
        case (.sessions, .viewsPerVisit):
            return "\(aggregate(.sum(Measure.sessionPageviews.operand))) * 1.0 / nullif(\(aggregate(.count)), 0)"
        case (.sessions, .percentage) where dividesOutermost, (.sessions, .conversionRate) where dividesOutermost:
            return aggregate(.distinct("s.user_id"))
        case (.sessions, .percentage):
            return "100.0 * \(aggregate(.distinct("s.user_id"))) / nullif((\(percentageTotal(.sessions))), 0)"
        case (.sessions, .conversionRate):
            // With a session-only dimension (entry/exit page): the visitors whose sessions the goal
            // filter selects, over all visitors of the range with the other filters.
            return "100.0 * \(aggregate(.distinct("s.user_id"))) / nullif((\(conversionTotal)), 0)"
        case (.sessions, _), (.events, _):
            // Not reachable after validation (e.g. pageviews never read sessions); keeps SQL valid.
            return "NULL"
        }
    }

    /// Whether `percentage` and `conversion_rate` divide in the final SELECT rather than in their
    /// side (`SQLDialect.rerunsNestedScalarSubqueries`): their sides then hold the visitors.
    /// Never with a store's precomputed totals, which are cheap to read again.
    var dividesOutermost: Bool {
        dialect.rerunsNestedScalarSubqueries && precomputed.totals.isEmpty && precomputed.conversionTotal == nil
    }

    /// `ref` (a side's visitors) as a percentage of `total`, for `dividesOutermost`.
    private func outermostRatio(_ ref: SQLFragment, over total: SQLFragment) -> SQLFragment {
        "100.0 * \(ref) / nullif((\(total)), 0)"
    }

    /// The visitors `percentage` divides by: every visitor the query's filters select.
    private func percentageTotal(_ side: TableSide) -> SQLFragment {
        if let total = precomputedTotal(side) { return total }
        return "SELECT \(dialect.countDistinct(visitorID(side))) FROM \(base(side))"
    }

    /// Whether `percentageTotal` is above zero: the first visitor found answers, no count needed.
    private func hasVisitors(_ side: TableSide) -> SQLFragment {
        if let total = precomputedTotal(side) { return "(\(total)) > 0" }
        return dialect.exists("SELECT 1 FROM \(base(side)) AND \(visitorID(side)) IS NOT NULL")
    }

    /// The aggregate of `percentageTotal`, for a store that computes it (`PrecomputeRequest.totals`).
    func totalVisitors(_ side: TableSide) -> Aggregate {
        .distinct(visitorID(side))
    }

    /// `percentageTotal` read from a store's precomputed total, if there is one.
    private func precomputedTotal(_ side: TableSide) -> SQLFragment? {
        guard let json = precomputed.totals[side], let rows = dialect.precomputedRows(json) else { return nil }
        return "SELECT \(dialect.hashGroupedColumn(0)) FROM \(rows)"
    }

    private func visitorID(_ side: TableSide) -> SQLFragment {
        side == .events ? visitorIDOfEvent : "s.user_id"
    }

    /// The visitors `conversion_rate` divides by: those the filters other than goals select
    /// (read from the store's precomputed total if there is one).
    private var conversionTotal: SQLFragment {
        if let json = precomputed.conversionTotal, let rows = dialect.precomputedRows(json) {
            return "SELECT \(dialect.hashGroupedColumn(0)) FROM \(rows)"
        }
        return "SELECT \(dialect.countDistinct("e.user_id")) FROM "
            + base(.events, excludingGoalFilters: true, withGoals: false)
    }

    /// The metric as returned: rounded as spec §14.4 says, zero where Plausible answers zero.
    /// `qualified: false` names the CTEs' columns alone, for a plan that joined them by name.
    func finalMetric(_ metric: Metric, driver: String, qualified: Bool = true) -> SQLFragment {
        let cte = metric == .scrollDepth ? "sd" : (side(of: metric) == .events ? "ev" : "se")
        var ref: SQLFragment = "\(raw: qualified ? cte + "." : "")m_\(raw: metric.rawValue)"
        if dividesOutermost, metric == .percentage {
            ref = outermostRatio(ref, over: percentageTotal(side(of: metric)))
        } else if dividesOutermost, metric == .conversionRate {
            ref = outermostRatio(ref, over: conversionTotal)
        }
        switch metric {
        case .visitors, .visits, .pageviews, .events: return "coalesce(\(ref), 0)"
        case .bounceRate, .visitDuration: return "coalesce(\(dialect.round(ref, decimals: 0)), 0)"
        case .viewsPerVisit, .conversionRate: return "coalesce(\(dialect.round(ref, decimals: 2)), 0)"
        case .percentage:
            // NULL only when there is no visitor at all; a group without any (a row only the other
            // table has) is 0.
            return
                "coalesce(\(dialect.round(ref, decimals: 2)), CASE WHEN \(hasVisitors(side(of: metric))) THEN 0.0 END)"
        case .timeOnPage, .scrollDepth: return dialect.round(ref, decimals: 0)
        case .groupConversionRate:
            return
                "coalesce(\(dialect.round("100.0 * \(ref) / nullif(\(raw: qualified ? "gd." : "")total, 0)", decimals: 2)), 0)"
        case .totalRevenue, .averageRevenue: return ref
        }
    }
}
