import PerchCore

/// Column lists and the conversions between records and rows. Inserts and selects share one
/// column order, so a value's position is its index in these lists.
enum SQLiteRows {
    static let visitColumns = [
        "referrer", "referrer_source", "utm_medium", "utm_source", "utm_campaign", "utm_content", "utm_term",
        "click_id_param", "acquisition_channel", "country_code", "subdivision1_code", "subdivision2_code",
        "city_geoname_id", "screen_size", "operating_system", "operating_system_version", "browser",
        "browser_version",
    ]

    static let eventColumns =
        ["timestamp", "name", "site_id", "user_id", "session_id", "hostname", "pathname"] + visitColumns + [
            "props", "scroll_depth", "engagement_time", "revenue_source_amount", "revenue_source_currency",
            "revenue_reporting_amount", "revenue_reporting_currency", "interactive",
        ]

    static let sessionColumns =
        [
            "session_id", "site_id", "user_id", "hostname", "start", "timestamp", "duration", "pageviews", "events",
            "is_bounce", "entry_page", "exit_page", "exit_page_hostname",
        ] + visitColumns + ["entry_props"]

    /// The event columns, then `seq`: the store's arrival counter, which completes the table's
    /// (site_id, timestamp, seq) key.
    static let insertEvent = """
        INSERT INTO events (\(eventColumns.joined(separator: ", ")), seq) \
        VALUES (\(placeholders(eventColumns.count + 1)))
        """

    /// What a later event can change in a session (`SessionRecord.absorb`); the rest (site, user,
    /// start, visit attributes, entry props) is fixed when it starts.
    static let changingSessionColumns = [
        "hostname", "timestamp", "duration", "pageviews", "events", "is_bounce", "entry_page", "exit_page",
        "exit_page_hostname",
    ]

    /// The newest state wins: a state with fewer events (an older one, replayed or reordered)
    /// never overwrites a stored one. Only the columns that change are set: setting a key column
    /// (site_id, start), even to its own value, makes SQLite move the row and rewrite every index,
    /// `sessions_session` included, for every event.
    static let upsertSession = """
        INSERT INTO sessions (\(sessionColumns.joined(separator: ", "))) VALUES (\(placeholders(sessionColumns.count)))
        ON CONFLICT(session_id) DO UPDATE SET \(
            changingSessionColumns.map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
        WHERE excluded.events >= sessions.events
        """

    static let selectEvents = "SELECT \(eventColumns.joined(separator: ", ")) FROM events"
    static let selectSessions = "SELECT \(sessionColumns.joined(separator: ", ")) FROM sessions"

    private static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }

    static func bitPattern(_ value: UInt64) -> Int64 { Int64(bitPattern: value) }
    static func unsigned(_ value: Int64) -> UInt64 { UInt64(bitPattern: value) }

    // MARK: - Binding

    static func bind(_ event: EventRecord, to statement: inout StatementHandle) {
        statement.bind(event.timestamp)
        statement.bind(event.name)
        statement.bind(event.siteID)
        statement.bind(bitPattern(event.userID))
        statement.bind(bitPattern(event.sessionID))
        statement.bind(event.hostname)
        statement.bind(event.pathname)
        bind(event.visit, to: &statement)
        statement.bind(PropsJSON.object(event.props))
        statement.bind(Int64(event.scrollDepth))
        statement.bind(Int64(event.engagementTime))
        statement.bind(event.revenue?.sourceAmount.thousandths)
        statement.bind(event.revenue?.sourceCurrency ?? "")
        statement.bind(event.revenue?.reportingAmount?.thousandths)
        statement.bind(event.revenue?.reportingCurrency ?? "")
        statement.bind(Int64(event.interactive ? 1 : 0))
    }

    static func bind(_ session: SessionRecord, to statement: inout StatementHandle) {
        statement.bind(bitPattern(session.sessionID))
        statement.bind(session.siteID)
        statement.bind(bitPattern(session.userID))
        statement.bind(session.hostname)
        statement.bind(session.start)
        statement.bind(session.timestamp)
        statement.bind(Int64(session.duration))
        statement.bind(Int64(session.pageviews))
        statement.bind(Int64(session.events))
        statement.bind(Int64(session.isBounce ? 1 : 0))
        statement.bind(session.entryPage)
        statement.bind(session.exitPage)
        statement.bind(session.exitPageHostname)
        bind(session.visit, to: &statement)
        statement.bind(PropsJSON.object(session.entryProps))
    }

    private static func bind(_ visit: VisitAttributes, to statement: inout StatementHandle) {
        statement.bind(visit.referrer)
        statement.bind(visit.referrerSource)
        statement.bind(visit.utmMedium)
        statement.bind(visit.utmSource)
        statement.bind(visit.utmCampaign)
        statement.bind(visit.utmContent)
        statement.bind(visit.utmTerm)
        statement.bind(visit.clickIDParam)
        statement.bind(visit.acquisitionChannel)
        statement.bind(visit.countryCode)
        statement.bind(visit.subdivision1Code)
        statement.bind(visit.subdivision2Code)
        statement.bind(Int64(visit.cityGeonameID))
        statement.bind(visit.screenSize)
        statement.bind(visit.operatingSystem)
        statement.bind(visit.operatingSystemVersion)
        statement.bind(visit.browser)
        statement.bind(visit.browserVersion)
    }
}
