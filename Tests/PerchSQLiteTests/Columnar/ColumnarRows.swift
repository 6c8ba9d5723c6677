import GRDB
import PerchCore

@testable import PerchSQLite

/// Events and sessions for the column cache's tests, on any site, with the visit attributes the
/// `visit:*` breakdowns group by.
enum ColumnarRows {
    /// 2025-11-20 00:00:00 UTC.
    static let day: Int64 = 1_763_596_800

    static func event(
        site: Int64 = 1, at timestamp: Int64, name: String = "pageview", path: String = "/", user: UInt64 = 1,
        session: UInt64 = 1
    ) -> EventRecord {
        EventRecord(
            timestamp: timestamp, name: name, siteID: site, userID: user, sessionID: session,
            hostname: "example.com", pathname: path)
    }

    static func visit(source: String, country: String) -> VisitAttributes {
        var visit = VisitAttributes()
        visit.referrerSource = source
        visit.countryCode = country
        visit.browser = source.isEmpty ? "" : "Firefox"
        visit.utmSource = source.lowercased()
        visit.screenSize = country == "DE" ? "Desktop" : "Mobile"
        return visit
    }

    static func session(
        _ id: UInt64, site: Int64 = 1, user: UInt64, start: Int64, last: Int64, pageviews: Int32, events: Int32,
        entry: String, exit: String, source: String = "", country: String = ""
    ) -> SessionRecord {
        SessionRecord(
            sessionID: id, siteID: site, userID: user, hostname: "example.com", start: start, timestamp: last,
            isBounce: pageviews < 2, entryPage: entry, exitPage: exit, exitPageHostname: "example.com",
            pageviews: pageviews, events: events, duration: UInt32(last - start),
            visit: visit(source: source, country: country), entryProps: [])
    }

    static func batch(_ events: [EventRecord], _ sessions: [SessionRecord] = []) -> StoreBatch {
        StoreBatch(events: events, sessions: sessions, lastSequence: 0)
    }

    /// The site's events as SQL orders them: (timestamp, seq, pathname).
    static func sqlOrder(_ store: SQLiteStore, site: Int64, from: Int64) throws -> [EventKey] {
        try store.writer.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT timestamp, seq, pathname FROM events WHERE site_id = ? AND timestamp >= ? "
                    + "ORDER BY timestamp, seq", arguments: [site, from]
            ).map { EventKey(timestamp: $0[0], sequence: $0[1], path: $0[2]) }
        }
    }

    /// The held events in column order.
    static func heldOrder(_ columns: SiteColumns) -> [EventKey] {
        let events = columns.events
        let paths = events.texts[EventColumns.TextColumn.pathname.rawValue]
        return (0..<events.count).map {
            EventKey(
                timestamp: events.timestamps[$0], sequence: events.sequences[$0], path: columns.dictionary[paths[$0]])
        }
    }

    struct EventKey: Equatable, CustomStringConvertible {
        var timestamp: Int64
        var sequence: Int64
        var path: String
        var description: String { "\(timestamp)#\(sequence)\(path)" }
    }
}
