/// Builds the body of a successful `POST /api/v2/query` (spec §14.3) from an executor's rows.
package enum QueryResponse {
    /// `rows` are the rows of `plan.main` (dimension columns, then metric columns); `totalRows` the
    /// value of `plan.totalRows` when it was run; `revenueCurrency` the reporting currency, without
    /// which revenue metrics are null.
    package static func body(
        query: ValidatedQuery, plan: PlannedQuery, rows: [[SQLValue]], totalRows: Int? = nil,
        revenueCurrency: String? = nil
    ) -> JSONValue {
        let dimensionCount = plan.dimensions.count
        let results: [JSONValue] = rows.map { row in
            let metrics = plan.metrics.enumerated().map { index, metric in
                metricValue(
                    metric, row.count > dimensionCount + index ? row[dimensionCount + index] : .null,
                    currency: revenueCurrency)
            }
            let dimensions = (0..<dimensionCount).map { index in dimensionValue(row.count > index ? row[index] : .null)
            }
            return .object([("metrics", .array(metrics)), ("dimensions", .array(dimensions))])
        }
        var meta: [(String, JSONValue)] = []
        if query.query.include.imports {
            meta.append(("imports_included", .bool(false)))
            meta.append(("imports_skip_reason", .string("no_imported_data")))
        }
        if query.query.include.timeLabels, let granularity = query.timeGranularity {
            meta.append(("time_labels", .array(query.range.labels(granularity).map(JSONValue.string))))
        }
        if query.query.include.totalRows { meta.append(("total_rows", .int(Int64(totalRows ?? rows.count)))) }
        return .object([("results", .array(results)), ("meta", .object(meta)), ("query", echo(query))])
    }

    /// The query as it ran, in a form that can be posted again.
    package static func echo(_ query: ValidatedQuery) -> JSONValue {
        let request = query.query
        var include: [(String, JSONValue)] = []
        if request.include.imports { include.append(("imports", .bool(true))) }
        if request.include.timeLabels { include.append(("time_labels", .bool(true))) }
        if request.include.totalRows { include.append(("total_rows", .bool(true))) }
        if request.include.trimRelativeDateRange { include.append(("trim_relative_date_range", .bool(true))) }
        return .object([
            ("site_id", .string(request.siteID)),
            ("metrics", .array(request.metrics.map { .string($0.rawValue) })),
            ("date_range", .array(query.range.echo.map(JSONValue.string))),
            ("filters", .array(request.filters.map(\.json))),
            ("dimensions", .array(query.dimensions.map { .string($0.name) })),
            (
                "order_by",
                .array(query.orderBy.map { .array([.string($0.name), .string($0.ascending ? "asc" : "desc")]) })
            ),
            ("include", .object(include)),
            (
                "pagination",
                .object([
                    ("offset", .int(Int64(request.pagination.offset))),
                    ("limit", .int(Int64(request.pagination.limit))),
                ])
            ),
        ])
    }

    static func metricValue(_ metric: Metric, _ value: SQLValue, currency: String?) -> JSONValue {
        guard let number = value.double else { return .null }
        switch metric.decimals {
        case 0?: return .int(Int64(number.rounded()))
        case let places?:
            let scale = places == 2 ? 100.0 : 1.0
            return .double((number * scale).rounded() / scale)
        case nil:
            guard let currency else { return .null }
            let text = MoneyText.amount(number)
            return .object([
                ("value", .double(number)), ("currency", .string(currency)),
                ("short", .string(MoneyText.short(number, currency: currency))),
                ("long", .string(currency + " " + text)),
            ])
        }
    }

    static func dimensionValue(_ value: SQLValue) -> JSONValue {
        switch value {
        case .null: .null
        case .integer(let number): .int(number)
        case .real(let number): .double(number)
        case .text(let text): .string(text)
        }
    }
}

/// Money amounts as text, two decimals (`1234.5` → `1234.50`); short form `USD 1.2K` style.
enum MoneyText {
    static func amount(_ value: Double) -> String {
        let cents = Int64((value * 100).rounded())
        let sign = cents < 0 ? "-" : ""
        let magnitude = cents.magnitude
        return sign + String(magnitude / 100) + "." + CivilDate.pad(Int(magnitude % 100), 2)
    }

    static func short(_ value: Double, currency: String) -> String {
        let magnitude = abs(value)
        let text: String
        if magnitude >= 1_000_000 {
            text = String((value / 100_000).rounded() / 10) + "M"
        } else if magnitude >= 1000 {
            text = String((value / 100).rounded() / 10) + "K"
        } else {
            text = amount(value)
        }
        return currency + " " + text
    }
}
