/// Answers a parsed query for a site the caller has authorised: validates it against the site's
/// time zone and goals, plans it for the reader's dialect, runs it and shapes the response.
/// Throws `QueryError` for a query the client must fix; any other error is the store's.
package struct StatsQueryService<Dialect: SQLDialect>: Sendable {
    package let reader: any StatsReader
    package let planner: QueryPlanner<Dialect>

    package init(reader: any StatsReader, dialect: Dialect) {
        self.reader = reader
        planner = QueryPlanner(dialect: dialect)
    }

    package func answer(_ query: StatsQuery, site: StatsSite, now: Int64) async throws -> JSONValue {
        let zone = SiteTimeZone(identifier: site.site.timezone) ?? .utc
        let goals = try await reader.goals(siteID: site.site.id)
        let validated = try Self.validate(
            query, siteKey: site.site.id, timeZone: zone, now: now, goals: goals,
            statsStart: site.firstEventAt.map(zone.date(atUTC:)))
        let plan = planner.plan(validated)
        let rows = try await reader.rows(plan.main)
        var total: Int?
        if let statement = plan.totalRows {
            total = try await reader.rows(statement).first?.first.flatMap(\.double).map { Int($0) }
        }
        return QueryResponse.body(
            query: validated, plan: plan, rows: rows, totalRows: total, revenueCurrency: Self.currency(goals))
    }

    /// Typed-throws init wrapped so the untyped `async throws` caller keeps `QueryError` intact.
    private static func validate(
        _ query: StatsQuery, siteKey: Int64, timeZone: SiteTimeZone, now: Int64, goals: [Goal], statsStart: CivilDate?
    ) throws(QueryError) -> ValidatedQuery {
        try ValidatedQuery(query, siteKey: siteKey, timeZone: timeZone, now: now, goals: goals, statsStart: statsStart)
    }

    /// The reporting currency of revenue: the one currency the site's revenue goals share, if any.
    static func currency(_ goals: [Goal]) -> String? {
        let currencies = Set(goals.compactMap(\.currency))
        return currencies.count == 1 ? currencies.first : nil
    }
}
