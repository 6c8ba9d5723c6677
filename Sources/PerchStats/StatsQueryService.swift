import PerchCore

/// Answers a parsed query for a site the caller has authorised: validates it against the site's
/// time zone and goals, plans it for the reader's dialect, runs it and shapes the response.
/// Throws `QueryError` for a query the client must fix; any other error is the store's.
package struct StatsQueryService<Dialect: SQLDialect>: Sendable {
    package let reader: any StatsReader
    package let planner: QueryPlanner<Dialect>
    /// The place names in force now (they follow the hot-reloaded GeoIP database).
    package let locationNames: @Sendable () -> LocationNames
    /// Above this many codes a location-name filter is narrowed to the codes present in the rows.
    let maxListedCodes: Int

    package init(
        reader: any StatsReader, dialect: Dialect,
        locationNames: @escaping @Sendable () -> LocationNames = { .builtIn }
    ) {
        self.init(
            reader: reader, dialect: dialect, locationNames: locationNames,
            maxListedCodes: LocationNameFilter.defaultMaxListedCodes)
    }

    init(
        reader: any StatsReader, dialect: Dialect, locationNames: @escaping @Sendable () -> LocationNames,
        maxListedCodes: Int
    ) {
        self.reader = reader
        planner = QueryPlanner(dialect: dialect)
        self.locationNames = locationNames
        self.maxListedCodes = maxListedCodes
    }

    package func answer(_ query: StatsQuery, site: StatsSite, now: Int64) async throws -> JSONValue {
        let zone = SiteTimeZone(identifier: site.site.timezone) ?? .utc
        let goals = try await reader.goals(siteID: site.site.id)
        let validated = try Self.validate(
            query, siteKey: site.site.id, timeZone: zone, now: now, goals: goals,
            statsStart: site.firstEventAt.map(zone.date(atUTC:)))
        // Only a query that names places asks for the names (the first ask may build them).
        let namesPlaces =
            validated.dimensions.contains { LocationNameKind($0) != nil }
            || validated.query.filters.flatMap { $0.leaves() }.contains { LocationNameKind($0.0.dimension) != nil }
        let names = namesPlaces ? locationNames() : .builtIn
        // The echo keeps the filters as asked; the plan gets them over codes.
        var planned = try await withCodeFilters(validated, names: names)
        planned.query.filters = planned.query.filters.map(EmptyValueFilter.rewrite)
        let ordersByName = LocationNameRows.ordersByName(validated)
        var precomputed: PrecomputedGroups?
        if let request = planner.precomputeRequest(planned) {
            precomputed = try await reader.precomputedGroups(request)
        }
        let plan = planner.plan(planned, paginated: !ordersByName, precomputed: precomputed)
        let rows = LocationNameRows(query: validated, names: names).apply(try await reader.rows(plan.main))
        var total: Int?
        if let statement = plan.totalRows {
            total = try await reader.rows(statement).first?.first.flatMap(\.double).map { Int($0) }
        }
        return QueryResponse.body(
            query: validated, plan: plan, rows: rows, totalRows: total, revenueCurrency: Self.currency(goals))
    }

    /// `query` with its `visit:*_name` filters rewritten over the code columns.
    private func withCodeFilters(_ query: ValidatedQuery, names: LocationNames) async throws -> ValidatedQuery {
        let leaves = query.query.filters.flatMap { $0.leaves() }
        guard leaves.contains(where: { LocationNameKind($0.0.dimension) != nil }) else { return query }
        var filter = LocationNameFilter(names: names, maxListedCodes: maxListedCodes)
        var present: [LocationNameKind: [SQLValue]] = [:]
        for kind in filter.kindsNeedingPresentCodes(query.query.filters) {
            guard case .visit(let attribute) = kind.codeDimension else { continue }
            present[kind] = try await reader.rows(planner.presentCodes(attribute, in: query)).compactMap(\.first)
        }
        if !present.isEmpty {
            filter = LocationNameFilter(names: names, present: present, maxListedCodes: maxListedCodes)
        }
        var rewritten = query
        rewritten.query.filters = query.query.filters.map(filter.rewrite)
        return rewritten
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
