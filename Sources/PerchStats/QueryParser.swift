/// Turns a request body into a `StatsQuery`, refusing what Plausible's JSON schema and parser
/// refuse, with their messages (spec §14.2, §14.3).
package enum QueryParser {
    static let topLevelKeys = [
        "site_id", "metrics", "date_range", "dimensions", "filters", "order_by", "include",
        "pagination",
    ]

    package static func parse(body: [UInt8]) throws(QueryError) -> StatsQuery {
        try parse(try JSONReader.parse(body))
    }

    /// A body whose site is already known (the dashboard's route names it in its URL): its own
    /// `site_id`, if any, is replaced by `siteID`.
    package static func parse(body: [UInt8], siteID: String) throws(QueryError) -> StatsQuery {
        var json = try JSONReader.parse(body)
        if case .object(var pairs) = json {
            pairs.removeAll { $0.0 == "site_id" }
            pairs.insert(("site_id", .string(siteID)), at: 0)
            json = .object(pairs)
        }
        return try parse(json)
    }

    package static func parse(_ body: JSONValue) throws(QueryError) -> StatsQuery {
        guard case .object(let pairs) = body else { throw typeMismatch("#", expected: "Object", got: body) }
        for (key, _) in pairs where !topLevelKeys.contains(key) {
            throw QueryError("#/\(key): Schema does not allow additional properties.")
        }
        guard case .string(let siteID)? = body["site_id"] else {
            throw QueryError("Missing site ID. Please provide the required site_id parameter with your request.")
        }
        let missing = ["metrics", "date_range"].filter { body[$0] == nil }
        if missing.count == 1 { throw QueryError("#: Required property \(missing[0]) was not present.") }
        if missing.count > 1 {
            throw QueryError("#: Required properties \(missing.joined(separator: ", ")) were not present.")
        }
        let metrics = try parseMetrics(body["metrics"]!)
        let dateRange = try DateRangeParser.parse(body["date_range"]!)
        let dimensions = try parseDimensions(body["dimensions"] ?? .array([]))
        let filters = try FilterParser.parseList(body["filters"] ?? .array([]))
        let orderBy = try body["order_by"].map { value throws(QueryError) in try parseOrderBy(value) }
        let include = try parseInclude(body["include"] ?? .object([]))
        let pagination = try parsePagination(body["pagination"] ?? .object([]))
        return StatsQuery(
            siteID: siteID, metrics: metrics, dateRange: dateRange, dimensions: dimensions, filters: filters,
            orderBy: orderBy, include: include, pagination: pagination)
    }

    static func typeMismatch(_ path: String, expected: String, got value: JSONValue) -> QueryError {
        QueryError("\(path): Type mismatch. Expected \(expected) but got \(value.typeName).")
    }

    static func array(_ value: JSONValue, at path: String) throws(QueryError) -> [JSONValue] {
        guard case .array(let items) = value else { throw typeMismatch(path, expected: "Array", got: value) }
        return items
    }

    static func requireUnique(_ items: [JSONValue], at path: String) throws(QueryError) {
        if Set(items).count != items.count {
            throw QueryError("\(path): Expected items to be unique but they were not.")
        }
    }

    private static func parseMetrics(_ value: JSONValue) throws(QueryError) -> [Metric] {
        let items = try array(value, at: "#/metrics")
        guard !items.isEmpty else { throw QueryError("#/metrics: Expected a minimum of 1 items but got 0.") }
        var metrics: [Metric] = []
        for (index, item) in items.enumerated() {
            guard case .string(let name) = item, let metric = Metric(rawValue: name) else {
                throw QueryError("#/metrics/\(index): Invalid metric \(item.inspected)")
            }
            metrics.append(metric)
        }
        try requireUnique(items, at: "#/metrics")
        return metrics
    }

    private static func parseDimensions(_ value: JSONValue) throws(QueryError) -> [Dimension] {
        let items = try array(value, at: "#/dimensions")
        var dimensions: [Dimension] = []
        for (index, item) in items.enumerated() {
            guard case .string(let name) = item, let dimension = Dimension(name) else {
                throw QueryError("#/dimensions/\(index): Invalid dimension \(item.inspected)")
            }
            dimensions.append(dimension)
        }
        try requireUnique(items, at: "#/dimensions")
        if dimensions.filter(\.isTime).count > 1 {
            throw QueryError("Invalid dimensions. Only one time dimension can be queried at a time.")
        }
        return dimensions
    }

    private static func parseOrderBy(_ value: JSONValue) throws(QueryError) -> [OrderEntry] {
        let items = try array(value, at: "#/order_by")
        var entries: [OrderEntry] = []
        for (index, item) in items.enumerated() {
            guard case .array(let pair) = item, pair.count == 2, case .string(let name) = pair[0],
                case .string(let direction) = pair[1], direction == "asc" || direction == "desc"
            else { throw QueryError("#/order_by/\(index): Invalid order_by entry \(item.inspected)") }
            let target: OrderEntry.Target
            if let metric = Metric(rawValue: name) {
                target = .metric(metric)
            } else if let dimension = Dimension(name) {
                target = .dimension(dimension)
            } else {
                throw QueryError("#/order_by/\(index): Invalid order_by entry \(item.inspected)")
            }
            entries.append(OrderEntry(target: target, ascending: direction == "asc"))
        }
        return entries
    }

    private static func parseInclude(_ value: JSONValue) throws(QueryError) -> Include {
        guard case .object(let pairs) = value else { throw typeMismatch("#/include", expected: "Object", got: value) }
        var include = Include()
        for (key, item) in pairs {
            let path = "#/include/\(key)"
            guard ["imports", "time_labels", "total_rows", "trim_relative_date_range"].contains(key) else {
                throw QueryError("\(path): Schema does not allow additional properties.")
            }
            guard case .bool(let flag) = item else { throw typeMismatch(path, expected: "Boolean", got: item) }
            switch key {
            case "imports": include.imports = flag
            case "time_labels": include.timeLabels = flag
            case "total_rows": include.totalRows = flag
            default: include.trimRelativeDateRange = flag
            }
        }
        return include
    }

    private static func parsePagination(_ value: JSONValue) throws(QueryError) -> Pagination {
        guard case .object(let pairs) = value else {
            throw typeMismatch("#/pagination", expected: "Object", got: value)
        }
        var pagination = Pagination()
        for (key, item) in pairs {
            let path = "#/pagination/\(key)"
            guard key == "limit" || key == "offset" else {
                throw QueryError("\(path): Schema does not allow additional properties.")
            }
            guard case .int(let number) = item else { throw typeMismatch(path, expected: "Integer", got: item) }
            if key == "limit" {
                guard number >= 1 else { throw QueryError("\(path): Expected the value to be >= 1") }
                guard number <= 10_000 else { throw QueryError("\(path): Expected the value to be <= 10000") }
                pagination.limit = Int(number)
            } else {
                guard number >= 0 else { throw QueryError("\(path): Expected the value to be >= 0") }
                // Beyond any real row count; keeps the value inside SQLite's integer range.
                guard number <= 1_000_000_000 else {
                    throw QueryError("\(path): Expected the value to be <= 1000000000")
                }
                pagination.offset = Int(number)
            }
        }
        return pagination
    }
}
