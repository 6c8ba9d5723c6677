import PerchCore

/// How Perch's records map onto the `events` and `sessions` columns (ClickHouseSchema+V1): the
/// RowBinary rows written, and the SELECT list and decoding of stored session states. Site ids
/// are stored as UInt64 (Plausible's type) holding the Int64's bit pattern.
enum ClickHouseRows {
    static let eventColumns: [String] =
        ["timestamp", "name", "site_id", "user_id", "session_id", "hostname", "pathname"] + visitColumns + [
            "meta.key", "meta.value", "scroll_depth", "engagement_time", "revenue_source_amount",
            "revenue_source_currency", "revenue_reporting_amount", "revenue_reporting_currency", "interactive",
            "journal_node", "journal_sequence",
        ]

    static let sessionColumns: [String] =
        [
            "session_id", "site_id", "user_id", "sign", "hostname", "start", "timestamp", "duration", "pageviews",
            "events", "is_bounce", "entry_page", "exit_page", "exit_page_hostname",
        ] + visitColumns + ["entry_meta.key", "entry_meta.value"]

    static let visitColumns = [
        "referrer", "referrer_source", "utm_medium", "utm_source", "utm_campaign", "utm_content", "utm_term",
        "click_id_param", "acquisition_channel", "country_code", "subdivision1_code", "subdivision2_code",
        "city_geoname_id", "screen_size", "operating_system", "operating_system_version", "browser", "browser_version",
    ]

    /// One event row, in the order and at the widths of `eventColumns`; `sequence` is its journal
    /// entry's (0 for rows written outside the journal).
    static func append(_ event: EventRecord, node: String, sequence: UInt64, to writer: inout RowBinaryWriter) {
        writer.dateTime(event.timestamp)
        writer.string(event.name)
        writer.uint64(UInt64(bitPattern: event.siteID))
        writer.uint64(event.userID)
        writer.uint64(event.sessionID)
        writer.string(event.hostname)
        writer.string(event.pathname)
        append(event.visit, to: &writer)
        writer.strings(event.props.map(\.key))
        writer.strings(event.props.map(\.value))
        writer.uint8(event.scrollDepth)
        writer.uint32(event.engagementTime)
        writer.nullableDecimal64(units: event.revenue?.sourceAmount.thousandths)
        writer.string(event.revenue?.sourceCurrency ?? "")
        writer.nullableDecimal64(units: event.revenue?.reportingAmount?.thousandths)
        writer.string(event.revenue?.reportingCurrency ?? "")
        writer.flag(event.interactive)
        writer.string(node)
        writer.uint64(sequence)
        writer.endRow()
    }

    /// One session state row, in the order and at the widths of `sessionColumns`: `sign` 1 for a
    /// state, -1 for the row cancelling it.
    static func append(_ session: SessionRecord, sign: Int8, to writer: inout RowBinaryWriter) {
        writer.uint64(session.sessionID)
        writer.uint64(UInt64(bitPattern: session.siteID))
        writer.uint64(session.userID)
        writer.int8(sign)
        writer.string(session.hostname)
        writer.dateTime(session.start)
        writer.dateTime(session.timestamp)
        writer.uint32(session.duration)
        writer.int32(session.pageviews)
        writer.int32(session.events)
        writer.flag(session.isBounce)
        writer.string(session.entryPage)
        writer.string(session.exitPage)
        writer.string(session.exitPageHostname)
        append(session.visit, to: &writer)
        writer.strings(session.entryProps.map(\.key))
        writer.strings(session.entryProps.map(\.value))
        writer.endRow()
    }

    private static func append(_ visit: VisitAttributes, to writer: inout RowBinaryWriter) {
        writer.string(visit.referrer)
        writer.string(visit.referrerSource)
        writer.string(visit.utmMedium)
        writer.string(visit.utmSource)
        writer.string(visit.utmCampaign)
        writer.string(visit.utmContent)
        writer.string(visit.utmTerm)
        writer.string(visit.clickIDParam)
        writer.string(visit.acquisitionChannel)
        writer.string(visit.countryCode)
        writer.string(visit.subdivision1Code)
        writer.string(visit.subdivision2Code)
        writer.uint32(visit.cityGeonameID)
        writer.string(visit.screenSize)
        writer.string(visit.operatingSystem)
        writer.string(visit.operatingSystemVersion)
        writer.string(visit.browser)
        writer.string(visit.browserVersion)
    }

    /// The SELECT list `session(from:)` decodes: every session column with `sign` last, and
    /// DateTimes as Unix seconds.
    static let sessionSelectList: String = (sessionColumns.filter { $0 != "sign" } + ["sign"]).map { name in
        name == "start" || name == "timestamp" ? "toUnixTimestamp(\(name))" : ClickHouseSQL.identifier(name)
    }.joined(separator: ", ")

    /// A session state and its sign from a row selected with `sessionSelectList`.
    static func session(from row: [ClickHouseValue]) throws(ClickHouseError) -> (SessionRecord, sign: Int8) {
        guard row.count == sessionColumns.count else {
            throw .unexpectedResponse("a session row of \(row.count) values, expected \(sessionColumns.count)")
        }
        var cursor = row.makeIterator()
        func next() -> ClickHouseValue { cursor.next()! }
        let sessionID = try next().uint64()
        let siteID = Int64(bitPattern: try next().uint64())
        let userID = try next().uint64()
        let hostname = try next().string()
        let start = try next().int64()
        let timestamp = try next().int64()
        let duration = try Self.narrow(try next().int64(), as: UInt32.self)
        let pageviews = try Self.narrow(try next().int64(), as: Int32.self)
        let events = try Self.narrow(try next().int64(), as: Int32.self)
        let isBounce = try next().int64() != 0
        let entryPage = try next().string()
        let exitPage = try next().string()
        let exitPageHostname = try next().string()
        let visit = try visitAttributes(next)
        let keys = try next().strings()
        let values = try next().strings()
        let sign = try Self.narrow(try next().int64(), as: Int8.self)
        guard keys.count == values.count else {
            throw .unexpectedResponse("entry_meta keys and values differ in count")
        }
        let session = SessionRecord(
            sessionID: sessionID, siteID: siteID, userID: userID, hostname: hostname, start: start,
            timestamp: timestamp, isBounce: isBounce, entryPage: entryPage, exitPage: exitPage,
            exitPageHostname: exitPageHostname, pageviews: pageviews, events: events, duration: duration,
            visit: visit, entryProps: zip(keys, values).map { Prop(key: $0, value: $1) })
        return (session, sign)
    }

    static func visitAttributes(_ next: () -> ClickHouseValue) throws(ClickHouseError) -> VisitAttributes {
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
        visit.cityGeonameID = try narrow(try next().int64(), as: UInt32.self)
        visit.screenSize = try next().string()
        visit.operatingSystem = try next().string()
        visit.operatingSystemVersion = try next().string()
        visit.browser = try next().string()
        visit.browserVersion = try next().string()
        return visit
    }

    static func narrow<T: FixedWidthInteger>(_ value: Int64, as: T.Type) throws(ClickHouseError) -> T {
        guard let narrowed = T(exactly: value) else { throw .unexpectedResponse("\(value) does not fit \(T.self)") }
        return narrowed
    }
}
