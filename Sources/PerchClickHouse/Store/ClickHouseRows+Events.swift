import PerchCore

/// Reading stored events back (`perch events export`): the SELECT list and its decoding.
extension ClickHouseRows {
    /// Every event column `event(from:)` decodes, in order: DateTimes as Unix seconds and revenue
    /// amounts as thousandths (exact, as `toInt64(amount * 1000)`).
    static let eventSelectList: String = {
        let columns =
            ["timestamp", "name", "site_id", "user_id", "session_id", "hostname", "pathname"] + visitColumns + [
                "meta.key", "meta.value", "scroll_depth", "engagement_time", "revenue_source_amount",
                "revenue_source_currency", "revenue_reporting_amount", "revenue_reporting_currency", "interactive",
            ]
        return columns.map { name in
            switch name {
            case "timestamp": "toUnixTimestamp(timestamp)"
            case "revenue_source_amount", "revenue_reporting_amount": "toInt64(\(name) * 1000)"
            default: ClickHouseSQL.identifier(name)
            }
        }.joined(separator: ", ")
    }()

    static let eventSelectCount = 7 + visitColumns.count + 9

    /// An event from a row selected with `eventSelectList`.
    static func event(from row: [ClickHouseValue]) throws(ClickHouseError) -> EventRecord {
        guard row.count == eventSelectCount else {
            throw .unexpectedResponse("an event row of \(row.count) values, expected \(eventSelectCount)")
        }
        var cursor = row.makeIterator()
        func next() -> ClickHouseValue { cursor.next()! }
        let timestamp = try next().int64()
        let name = try next().string()
        let siteID = Int64(bitPattern: try next().uint64())
        let userID = try next().uint64()
        let sessionID = try next().uint64()
        let hostname = try next().string()
        let pathname = try next().string()
        let visit = try visitAttributes(next)
        let keys = try next().strings()
        let values = try next().strings()
        guard keys.count == values.count else { throw .unexpectedResponse("meta keys and values differ in count") }
        let scrollDepth = try narrow(try next().int64(), as: UInt8.self)
        let engagementTime = try narrow(try next().int64(), as: UInt32.self)
        let sourceAmount = try next().optionalInt64()
        let sourceCurrency = try next().string()
        let reportingAmount = try next().optionalInt64()
        let reportingCurrency = try next().string()
        let interactive = try next().int64() != 0
        let revenue = sourceAmount.map { amount in
            Revenue(
                sourceAmount: MilliAmount(thousandths: amount), sourceCurrency: sourceCurrency,
                reportingAmount: reportingAmount.map { MilliAmount(thousandths: $0) },
                reportingCurrency: reportingCurrency)
        }
        return EventRecord(
            timestamp: timestamp, name: name, siteID: siteID, userID: userID, sessionID: sessionID,
            hostname: hostname, pathname: pathname, visit: visit,
            props: zip(keys, values).map { Prop(key: $0, value: $1) },
            scrollDepth: scrollDepth, engagementTime: engagementTime, revenue: revenue, interactive: interactive)
    }
}
