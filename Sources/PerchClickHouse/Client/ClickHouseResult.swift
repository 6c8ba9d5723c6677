/// The answer to a query run with `FORMAT JSONCompact`: column names and types, then rows of
/// values in column order.
package struct ClickHouseResult: Sendable, Hashable {
    package var columns: [(name: String, type: String)]
    package var rows: [[ClickHouseValue]]

    package init(columns: [(name: String, type: String)], rows: [[ClickHouseValue]]) {
        self.columns = columns
        self.rows = rows
    }

    /// Parses a JSONCompact document (`{"meta": [...], "data": [[...]], ...}`).
    package init(jsonCompact bytes: [UInt8]) throws(ClickHouseError) {
        let document = try ClickHouseJSONReader.parse(bytes)
        guard case .array(let meta)? = document["meta"], case .array(let data)? = document["data"] else {
            throw .unexpectedResponse("a JSONCompact answer without meta and data")
        }
        var columns: [(name: String, type: String)] = []
        for column in meta {
            guard let name = column["name"], let type = column["type"] else {
                throw .unexpectedResponse("a JSONCompact column without name or type")
            }
            columns.append((try name.string(), try type.string()))
        }
        var rows: [[ClickHouseValue]] = []
        rows.reserveCapacity(data.count)
        for row in data {
            guard case .array(let values) = row, values.count == columns.count else {
                throw .unexpectedResponse("a JSONCompact row that does not match its columns")
            }
            rows.append(values)
        }
        self.columns = columns
        self.rows = rows
    }

    /// The single value of a one-row, one-column answer (`SELECT count() …`).
    package func scalar() throws(ClickHouseError) -> ClickHouseValue {
        guard rows.count == 1, rows[0].count == 1 else {
            throw .unexpectedResponse("expected one value, got \(rows.count) rows")
        }
        return rows[0][0]
    }

    package static func == (lhs: ClickHouseResult, rhs: ClickHouseResult) -> Bool {
        lhs.columns.elementsEqual(rhs.columns) { $0 == $1 } && lhs.rows == rhs.rows
    }

    package func hash(into hasher: inout Hasher) {
        for column in columns {
            hasher.combine(column.name)
            hasher.combine(column.type)
        }
        hasher.combine(rows)
    }
}
