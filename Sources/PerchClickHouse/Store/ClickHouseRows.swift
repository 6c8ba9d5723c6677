import PerchCore

/// How Perch's records map onto the `events` and `sessions` columns (ClickHouseSchema+V1): the
/// JSONEachRow rows written, and the SELECT list and decoding of stored session states. Site ids
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

    /// One event row; `sequence` is its journal entry's (0 for rows written outside the journal).
    static func append(_ event: EventRecord, node: String, sequence: UInt64, to writer: inout JSONEachRowWriter) {
        writer.beginRow()
        writer.field("timestamp", event.timestamp)
        writer.field("name", event.name)
        writer.field("site_id", UInt64(bitPattern: event.siteID))
        writer.field("user_id", event.userID)
        writer.field("session_id", event.sessionID)
        writer.field("hostname", event.hostname)
        writer.field("pathname", event.pathname)
        append(event.visit, to: &writer)
        writer.field("meta.key", strings: event.props.map(\.key))
        writer.field("meta.value", strings: event.props.map(\.value))
        writer.field("scroll_depth", event.scrollDepth)
        writer.field("engagement_time", event.engagementTime)
        writer.field("revenue_source_amount", decimalText: event.revenue?.sourceAmount.decimalText)
        writer.field("revenue_source_currency", event.revenue?.sourceCurrency ?? "")
        writer.field("revenue_reporting_amount", decimalText: event.revenue?.reportingAmount?.decimalText)
        writer.field("revenue_reporting_currency", event.revenue?.reportingCurrency ?? "")
        writer.field("interactive", event.interactive)
        writer.field("journal_node", node)
        writer.field("journal_sequence", sequence)
        writer.endRow()
    }

    /// One session state row: `sign` 1 for a state, -1 for the row cancelling it.
    static func append(_ session: SessionRecord, sign: Int8, to writer: inout JSONEachRowWriter) {
        writer.beginRow()
        writer.field("session_id", session.sessionID)
        writer.field("site_id", UInt64(bitPattern: session.siteID))
        writer.field("user_id", session.userID)
        writer.field("sign", sign)
        writer.field("hostname", session.hostname)
        writer.field("start", session.start)
        writer.field("timestamp", session.timestamp)
        writer.field("duration", session.duration)
        writer.field("pageviews", session.pageviews)
        writer.field("events", session.events)
        writer.field("is_bounce", session.isBounce)
        writer.field("entry_page", session.entryPage)
        writer.field("exit_page", session.exitPage)
        writer.field("exit_page_hostname", session.exitPageHostname)
        append(session.visit, to: &writer)
        writer.field("entry_meta.key", strings: session.entryProps.map(\.key))
        writer.field("entry_meta.value", strings: session.entryProps.map(\.value))
        writer.endRow()
    }

    private static func append(_ visit: VisitAttributes, to writer: inout JSONEachRowWriter) {
        writer.field("referrer", visit.referrer)
        writer.field("referrer_source", visit.referrerSource)
        writer.field("utm_medium", visit.utmMedium)
        writer.field("utm_source", visit.utmSource)
        writer.field("utm_campaign", visit.utmCampaign)
        writer.field("utm_content", visit.utmContent)
        writer.field("utm_term", visit.utmTerm)
        writer.field("click_id_param", visit.clickIDParam)
        writer.field("acquisition_channel", visit.acquisitionChannel)
        writer.field("country_code", visit.countryCode)
        writer.field("subdivision1_code", visit.subdivision1Code)
        writer.field("subdivision2_code", visit.subdivision2Code)
        writer.field("city_geoname_id", visit.cityGeonameID)
        writer.field("screen_size", visit.screenSize)
        writer.field("operating_system", visit.operatingSystem)
        writer.field("operating_system_version", visit.operatingSystemVersion)
        writer.field("browser", visit.browser)
        writer.field("browser_version", visit.browserVersion)
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
