/// The export row of an event (`perch events export`), keys named after Plausible's `events_v2`
/// columns in the order DESIGN.md lists them, plus `interactive` at the end.
/// NDJSON lines end with `"\n"`; CSV records (after the header) end with `"\r\n"` (RFC 4180).
package enum EventExport {
    package static let columns: [String] = {
        var header = ExportHeaderSink()
        write(
            EventRecord(timestamp: 0, name: "", siteID: 0, userID: 0, sessionID: 0, hostname: "", pathname: ""),
            into: &header)
        return header.keys
    }()

    /// One JSON object, without the trailing newline.
    package static func ndjsonLine(_ event: EventRecord) -> String {
        var sink = NDJSONRowSink()
        write(event, into: &sink)
        return sink.line
    }

    /// The CSV header record, without the trailing line break.
    package static var csvHeader: String {
        columns.map(CSVRowSink.field).joined(separator: ",")
    }

    /// One CSV record, without the trailing line break.
    package static func csvRecord(_ event: EventRecord) -> String {
        var sink = CSVRowSink()
        write(event, into: &sink)
        return sink.record
    }

    /// An event without revenue has `null` amounts and `""` currencies, as ClickHouse's
    /// `Nullable(Decimal)` and the empty `FixedString(3)` read back.
    package static func write(_ event: EventRecord, into sink: inout some ExportFieldSink) {
        sink.timestamp("timestamp", event.timestamp)
        sink.string("name", event.name)
        sink.unsigned("user_id", event.userID)
        sink.unsigned("session_id", event.sessionID)
        sink.string("hostname", event.hostname)
        sink.string("pathname", event.pathname)
        VisitExport.write(event.visit, into: &sink)
        sink.props("props", event.props)
        sink.amount("revenue_source_amount", event.revenue?.sourceAmount)
        sink.string("revenue_source_currency", event.revenue?.sourceCurrency ?? "")
        sink.amount("revenue_reporting_amount", event.revenue?.reportingAmount)
        sink.string("revenue_reporting_currency", event.revenue?.reportingCurrency ?? "")
        sink.unsigned("scroll_depth", UInt64(event.scrollDepth))
        sink.unsigned("engagement_time", UInt64(event.engagementTime))
        sink.boolean("interactive", event.interactive)
    }
}

/// The visit attributes every event and session row carries, in export column order.
package enum VisitExport {
    package static func write(_ visit: VisitAttributes, into sink: inout some ExportFieldSink) {
        sink.string("referrer", visit.referrer)
        sink.string("referrer_source", visit.referrerSource)
        sink.string("utm_medium", visit.utmMedium)
        sink.string("utm_source", visit.utmSource)
        sink.string("utm_campaign", visit.utmCampaign)
        sink.string("utm_content", visit.utmContent)
        sink.string("utm_term", visit.utmTerm)
        sink.string("click_id_param", visit.clickIDParam)
        sink.string("acquisition_channel", visit.acquisitionChannel)
        sink.string("country_code", visit.countryCode)
        sink.string("subdivision1_code", visit.subdivision1Code)
        sink.string("subdivision2_code", visit.subdivision2Code)
        sink.unsigned("city_geoname_id", UInt64(visit.cityGeonameID))
        sink.string("screen_size", visit.screenSize)
        sink.string("operating_system", visit.operatingSystem)
        sink.string("operating_system_version", visit.operatingSystemVersion)
        sink.string("browser", visit.browser)
        sink.string("browser_version", visit.browserVersion)
    }
}
