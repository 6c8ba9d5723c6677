import PerchStats

/// Compares an API answer with the oracle's rows: the same rows (as a set keyed by dimensions),
/// the same metric values, and an order consistent with the query's `order_by` — ties may come
/// in any order, so only the order the entries determine is checked. A page must be the slice
/// of the ordered rows its offset and limit select (up to ties).
package enum StatsResultComparison {
    /// The values a row is ordered by: its dimensions and its metrics as numbers (nil for null).
    package struct SortKey {
        package var dimensions: [String]
        package var numbers: [Double?]
    }

    /// A description of every difference; empty when the answer is right.
    package static func differences(
        _ expected: [ExpectedRow], _ answer: JSONValue, _ query: PropertyQuery, timeLabels: [String]?
    ) -> [String] {
        guard case .array(let results)? = answer["results"] else { return ["no results array"] }
        var actual: [(dimensions: [String], metrics: [JSONValue])] = []
        var problems: [String] = []
        for row in results {
            guard case .array(let dimensions)? = row["dimensions"], case .array(let metrics)? = row["metrics"],
                metrics.count == query.metrics.count
            else { return ["malformed row \(row.json)"] }
            let texts = dimensions.map { value -> String in
                if case .string(let text) = value { return text }
                problems.append("dimension \(value.json) is not a string")
                return value.json
            }
            actual.append((texts, metrics))
        }
        var wanted = Dictionary(uniqueKeysWithValues: expected.map { ($0.dimensions, $0.metrics) })
        for row in actual {
            guard let metrics = wanted.removeValue(forKey: row.dimensions) else {
                problems.append("unexpected row \(row.dimensions) \(row.metrics.map(\.json))")
                continue
            }
            for (index, metric) in metrics.enumerated() where !matches(metric, row.metrics[index]) {
                let name = query.metrics[index].rawValue
                problems.append("\(row.dimensions) \(name): got \(row.metrics[index].json), expected \(metric)")
            }
        }
        let keys = actual.map { SortKey(dimensions: $0.dimensions, numbers: $0.metrics.map(number)) }
        if let page = query.page {
            let sorted = expected.map(sortKey).sorted { compare($0, $1, query) < 0 }
            let slice = sorted.dropFirst(page.offset).prefix(page.limit)
            if slice.count != keys.count { problems.append("page of \(keys.count) rows, expected \(slice.count)") }
            for (got, want) in zip(keys, slice) where compare(got, want, query) != 0 {
                problems.append("page row \(got.dimensions) sorts unlike \(want.dimensions)")
            }
        } else {
            for (dimensions, metrics) in wanted.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
                problems.append("missing row \(dimensions) \(metrics)")
            }
        }
        for (index, pair) in zip(keys, keys.dropFirst()).enumerated() where compare(pair.0, pair.1, query) > 0 {
            problems.append(
                "rows \(index) and \(index + 1) out of order: \(pair.0.dimensions) then \(pair.1.dimensions)")
        }
        if query.totalRows, answer["meta"]?["total_rows"] != .int(Int64(expected.count)) {
            problems.append(
                "meta.total_rows \(answer["meta"]?["total_rows"]?.json ?? "absent"), expected \(expected.count)")
        }
        if let timeLabels, answer["meta"]?["time_labels"] != .array(timeLabels.map(JSONValue.string)) {
            problems.append(
                "meta.time_labels \(answer["meta"]?["time_labels"]?.json ?? "absent"), expected \(timeLabels)")
        }
        return problems
    }

    package static func matches(_ expected: ExpectedMetric, _ actual: JSONValue) -> Bool {
        switch expected {
        case .null: return actual == .null
        case .number(let values):
            guard let number = number(actual) else { return false }
            return values.contains { abs($0 - number) < 1e-9 }
        case .money(let value, let currency):
            guard case .double(let got)? = actual["value"], actual["currency"] == .string(currency),
                case .string(let long)? = actual["long"]
            else { return false }
            let cents = Int64((value * 100).rounded())
            let text = "\(cents / 100)." + (cents % 100 < 10 ? "0" : "") + "\(cents % 100)"
            return abs(got - value) <= 1e-9 * max(1, abs(value)) && long == currency + " " + text
        }
    }

    package static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .int(let number): Double(number)
        case .double(let number): number
        default: value["value"].flatMap(number)
        }
    }

    /// An expected row's key; of two tie-rounding candidates the upper one, as SQLite rounds half away from zero.
    package static func sortKey(_ row: ExpectedRow) -> SortKey {
        SortKey(
            dimensions: row.dimensions,
            numbers: row.metrics.map { metric in
                switch metric {
                case .number(let values): values.last
                case .money(let value, _): value
                case .null: nil
                }
            })
    }

    /// Negative when `lhs` comes first in the query's order, zero when the entries cannot tell them apart.
    package static func compare(_ lhs: SortKey, _ rhs: SortKey, _ query: PropertyQuery) -> Int {
        for entry in query.effectiveOrder {
            let comparison: Int
            switch entry.target {
            case .metric(let metric):
                let position = query.metrics.firstIndex(of: metric)!
                // SQL sorts NULL first.
                let left = lhs.numbers[position] ?? -.infinity
                let right = rhs.numbers[position] ?? -.infinity
                comparison = left < right ? -1 : left > right ? 1 : 0
            case .dimension(let dimension):
                let position = query.dimensions.firstIndex(of: dimension)!
                let left = Array(lhs.dimensions[position].utf8)
                let right = Array(rhs.dimensions[position].utf8)
                comparison = left == right ? 0 : left.lexicographicallyPrecedes(right) ? -1 : 1
            }
            if comparison != 0 { return entry.ascending ? comparison : -comparison }
        }
        return 0
    }
}
