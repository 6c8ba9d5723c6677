/// The export row of a session (`perch sessions export`): the shared columns of an event row
/// (`timestamp` = last event, `user_id`, `session_id`, `hostname` = entry page hostname, visit
/// attributes) followed by the `sessions_v2` columns DESIGN.md lists.
/// `is_bounce` is a JSON boolean (`true`/`false`), not ClickHouse's `UInt8` 1/0: an export is read
/// by tools, and a boolean says what it means. Line endings as in `EventExport`.
package enum SessionExport {
    package static let columns: [String] = {
        var header = ExportHeaderSink()
        let sample = SessionRecord(
            sessionID: 0, siteID: 0, userID: 0, hostname: "", start: 0, timestamp: 0, isBounce: false,
            entryPage: "", exitPage: "", exitPageHostname: "", pageviews: 0, events: 0, duration: 0,
            visit: VisitAttributes(), entryProps: []
        )
        write(sample, into: &header)
        return header.keys
    }()

    /// One JSON object, without the trailing newline.
    package static func ndjsonLine(_ session: SessionRecord) -> String {
        var sink = NDJSONRowSink()
        write(session, into: &sink)
        return sink.line
    }

    /// The CSV header record, without the trailing line break.
    package static var csvHeader: String {
        columns.map(CSVRowSink.field).joined(separator: ",")
    }

    /// One CSV record, without the trailing line break.
    package static func csvRecord(_ session: SessionRecord) -> String {
        var sink = CSVRowSink()
        write(session, into: &sink)
        return sink.record
    }

    package static func write(_ session: SessionRecord, into sink: inout some ExportFieldSink) {
        sink.timestamp("timestamp", session.timestamp)
        sink.unsigned("user_id", session.userID)
        sink.unsigned("session_id", session.sessionID)
        sink.string("hostname", session.hostname)
        VisitExport.write(session.visit, into: &sink)
        sink.timestamp("start", session.start)
        sink.unsigned("duration", UInt64(session.duration))
        sink.integer("pageviews", Int64(session.pageviews))
        sink.integer("events", Int64(session.events))
        sink.boolean("is_bounce", session.isBounce)
        sink.string("entry_page", session.entryPage)
        sink.string("exit_page", session.exitPage)
        sink.string("exit_page_hostname", session.exitPageHostname)
        sink.props("entry_props", session.entryProps)
    }
}
