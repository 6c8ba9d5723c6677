import PerchClickHouse
import PerchCore

/// Reads what the store wrote, column by column, for the tests to compare with what went in.
enum StoredRows {
    static func events(_ client: ClickHouseClient) throws -> [EventRecord] {
        let result = try client.queryBlocking(
            """
            SELECT toUnixTimestamp(timestamp), name, site_id, user_id, session_id, hostname, pathname,
                referrer, referrer_source, utm_medium, utm_source, utm_campaign, utm_content, utm_term,
                click_id_param, acquisition_channel, country_code, subdivision1_code, subdivision2_code,
                city_geoname_id, screen_size, operating_system, operating_system_version, browser,
                browser_version, `meta.key`, `meta.value`, scroll_depth, engagement_time,
                toInt64(revenue_source_amount * 1000), revenue_source_currency,
                toInt64(revenue_reporting_amount * 1000), revenue_reporting_currency, interactive
            FROM events ORDER BY journal_sequence, timestamp
            """)
        return try result.rows.map { row in
            var values = row.makeIterator()
            func next() -> ClickHouseValue { values.next()! }
            var event = EventRecord(
                timestamp: try next().int64(), name: try next().string(),
                siteID: Int64(bitPattern: try next().uint64()), userID: try next().uint64(),
                sessionID: try next().uint64(), hostname: try next().string(), pathname: try next().string())
            var visit = VisitAttributes()
            visit.referrer = try next().string()
            visit.referrerSource = try next().string()
            visit.utmMedium = try next().string()
            visit.utmSource = try next().string()
            visit.utmCampaign = try next().string()
            visit.utmContent = try next().string()
            visit.utmTerm = try next().string()
            visit.clickIDParam = try next().string()
            visit.acquisitionChannel = try next().string()
            visit.countryCode = try next().string()
            visit.subdivision1Code = try next().string()
            visit.subdivision2Code = try next().string()
            visit.cityGeonameID = UInt32(try next().int64())
            visit.screenSize = try next().string()
            visit.operatingSystem = try next().string()
            visit.operatingSystemVersion = try next().string()
            visit.browser = try next().string()
            visit.browserVersion = try next().string()
            event.visit = visit
            event.props = zip(try next().strings(), try next().strings()).map { Prop(key: $0, value: $1) }
            event.scrollDepth = UInt8(try next().int64())
            event.engagementTime = UInt32(try next().int64())
            let source = try next().optionalInt64()
            let sourceCurrency = try next().string()
            let reporting = try next().optionalInt64()
            let reportingCurrency = try next().string()
            if let source {
                event.revenue = Revenue(
                    sourceAmount: MilliAmount(thousandths: source), sourceCurrency: sourceCurrency,
                    reportingAmount: reporting.map { MilliAmount(thousandths: $0) },
                    reportingCurrency: reportingCurrency)
            }
            event.interactive = try next().int64() != 0
            return event
        }
    }

    static func journalSequences(_ client: ClickHouseClient) throws -> [UInt64] {
        try client.queryBlocking("SELECT journal_sequence FROM events ORDER BY journal_sequence").rows.map {
            try $0[0].uint64()
        }
    }

    /// Per session: the sum of signs (1 when its rows are consistent) and the sign-weighted
    /// events and pageviews, as the Stats queries will read them.
    static func sessionSums(_ client: ClickHouseClient) throws -> [UInt64: [Int64]] {
        let result = try client.queryBlocking(
            "SELECT session_id, sum(sign), sum(sign * events), sum(sign * pageviews) FROM sessions GROUP BY session_id")
        var sums: [UInt64: [Int64]] = [:]
        for row in result.rows {
            sums[try row[0].uint64()] = [try row[1].int64(), try row[2].int64(), try row[3].int64()]
        }
        return sums
    }

    static func idempotencyKeys(_ client: ClickHouseClient) throws -> [String] {
        try client.queryBlocking("SELECT key FROM event_ids ORDER BY key").rows.map { try $0[0].string() }
    }
}
