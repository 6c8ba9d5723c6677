import PerchStats

/// A generated Stats API query: the parts the oracle reads, and the request body the API gets.
package struct PropertyQuery {
    /// A `date_range` as the generator writes it.
    package enum Range {
        case day, month
        case days(Int)
        /// Local dates as days since 1970-01-01, inclusive.
        case dates(Int, Int)

        package var json: JSONValue {
            switch self {
            case .day: .string("day")
            case .month: .string("month")
            case .days(let count): .string("\(count)d")
            case .dates(let first, let last):
                .array([
                    .string(CivilDate(daysSinceEpoch: first).description),
                    .string(CivilDate(daysSinceEpoch: last).description),
                ])
            }
        }
    }

    package var site: WorldSite
    package var metrics: [Metric]
    package var dimensions: [Dimension]
    package var filters: [Filter]
    package var range: Range
    package var orderBy: [OrderEntry]?
    package var page: (limit: Int, offset: Int)?
    package var totalRows = false
    package var timeLabels = false

    /// The order the rows must follow: the request's, else the default (spec §14.2).
    package var effectiveOrder: [OrderEntry] {
        if let orderBy { return orderBy }
        var order: [OrderEntry] = []
        if let time = dimensions.first(where: \.isTime) {
            order.append(OrderEntry(target: .dimension(time), ascending: true))
        }
        order.append(OrderEntry(target: .metric(metrics[0]), ascending: false))
        return order
    }

    package var body: String {
        var pairs: [(String, JSONValue)] = [
            ("site_id", .string(site.domain)),
            ("metrics", .array(metrics.map { .string($0.rawValue) })),
            ("date_range", range.json),
        ]
        if !dimensions.isEmpty { pairs.append(("dimensions", .array(dimensions.map { .string($0.name) }))) }
        if !filters.isEmpty { pairs.append(("filters", .array(filters.map(\.json)))) }
        if let orderBy {
            pairs.append(
                (
                    "order_by",
                    .array(orderBy.map { .array([.string($0.name), .string($0.ascending ? "asc" : "desc")]) })
                ))
        }
        var include: [(String, JSONValue)] = []
        if totalRows { include.append(("total_rows", .bool(true))) }
        if timeLabels { include.append(("time_labels", .bool(true))) }
        if !include.isEmpty { pairs.append(("include", .object(include))) }
        if let page {
            pairs.append(
                ("pagination", .object([("limit", .int(Int64(page.limit))), ("offset", .int(Int64(page.offset)))])))
        }
        return JSONValue.object(pairs).json
    }
}
