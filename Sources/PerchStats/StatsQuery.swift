/// A parsed `POST /api/v2/query` body (spec §14.2), before the date range is resolved.
package struct StatsQuery: Sendable, Hashable {
    package var siteID: String
    package var metrics: [Metric]
    package var dateRange: DateRangeInput
    package var dimensions: [Dimension]
    package var filters: [Filter]
    /// Nil when the request gave none: the planner applies the default order.
    package var orderBy: [OrderEntry]?
    package var include: Include
    package var pagination: Pagination

    package init(
        siteID: String, metrics: [Metric], dateRange: DateRangeInput, dimensions: [Dimension] = [],
        filters: [Filter] = [], orderBy: [OrderEntry]? = nil, include: Include = Include(),
        pagination: Pagination = Pagination()
    ) {
        self.siteID = siteID
        self.metrics = metrics
        self.dateRange = dateRange
        self.dimensions = dimensions
        self.filters = filters
        self.orderBy = orderBy
        self.include = include
        self.pagination = pagination
    }
}

/// A `date_range` as written in the request.
package enum DateRangeInput: Sendable, Hashable {
    case day, month, year, all
    case days(Int)
    case months(Int)
    case dates(CivilDate, CivilDate)
    /// Instants as unix seconds, with the UTC offsets written in the request.
    case datetimes(from: Int64, to: Int64)
}

/// One `order_by` entry.
package struct OrderEntry: Sendable, Hashable {
    /// A queried metric or dimension.
    package enum Target: Sendable, Hashable {
        case metric(Metric)
        case dimension(Dimension)
    }

    package var target: Target
    package var ascending: Bool

    package init(target: Target, ascending: Bool) {
        self.target = target
        self.ascending = ascending
    }

    package var name: String {
        switch target {
        case .metric(let metric): metric.rawValue
        case .dimension(let dimension): dimension.name
        }
    }
}

/// The `include` flags; `imports` is accepted, and answered with no imported data.
package struct Include: Sendable, Hashable {
    package var imports = false
    package var timeLabels = false
    package var totalRows = false
    package var trimRelativeDateRange = false

    package init(imports: Bool = false, timeLabels: Bool = false, totalRows: Bool = false) {
        self.imports = imports
        self.timeLabels = timeLabels
        self.totalRows = totalRows
    }
}

/// `limit` (1…10 000) and `offset` of the result rows.
package struct Pagination: Sendable, Hashable {
    package var limit = 10_000
    package var offset = 0

    package init(limit: Int = 10_000, offset: Int = 0) {
        self.limit = limit
        self.offset = offset
    }
}
