import Foundation
import Logging
import PerchCore

@testable import PerchJournal

/// Builders for journal entries and scratch directories.
enum Fixtures {
    static func entry(_ index: Int, session: UInt64? = nil, events: Int32 = 1) -> JournalEntry {
        let sessionID = session ?? UInt64(index)
        let event = EventRecord(
            timestamp: 1_700_000_000 + Int64(index), name: "pageview", siteID: 1, userID: 42,
            sessionID: sessionID, hostname: "example.com", pathname: "/page/\(index)"
        )
        let state = SessionRecord(
            sessionID: sessionID, siteID: 1, userID: 42, hostname: "example.com", start: 1_700_000_000,
            timestamp: 1_700_000_000 + Int64(index), isBounce: events == 1, entryPage: "/", exitPage: "/page/\(index)",
            exitPageHostname: "example.com", pageviews: events, events: events, duration: UInt32(index),
            visit: VisitAttributes(), entryProps: []
        )
        return JournalEntry(event: event, session: state)
    }

    static func fullyPopulated(revenue: Revenue?, session: Bool) -> JournalEntry {
        var visit = VisitAttributes()
        visit.referrer = "https://news.ycombinator.com/item?id=1"
        visit.referrerSource = "Hacker News"
        visit.utmMedium = "social"
        visit.utmSource = "hn"
        visit.utmCampaign = "launch 🚀"
        visit.utmContent = "banner"
        visit.utmTerm = "analytics"
        visit.clickIDParam = "gclid"
        visit.acquisitionChannel = "Organic Social"
        visit.countryCode = "EE"
        visit.subdivision1Code = "EE-37"
        visit.subdivision2Code = "EE-784"
        visit.cityGeonameID = .max
        visit.screenSize = "Desktop"
        visit.operatingSystem = "Mac"
        visit.operatingSystemVersion = "14.1"
        visit.browser = "Firefox"
        visit.browserVersion = "120.0"
        let props = [
            Prop(key: "", value: ""), Prop(key: "author", value: "Zoë"), Prop(key: "logged_in", value: "true"),
        ]
        let event = EventRecord(
            timestamp: .min, name: "Purchase ✓ 購入", siteID: .max, userID: .max, sessionID: .max,
            hostname: "shop.example.com", pathname: "/checkout/ünïcode/#step-2", visit: visit, props: props,
            scrollDepth: 255, engagementTime: .max, revenue: revenue, interactive: false
        )
        let state = SessionRecord(
            sessionID: .max, siteID: .min, userID: .max, hostname: "shop.example.com", start: .min, timestamp: .max,
            isBounce: true, entryPage: "/", exitPage: "/checkout", exitPageHostname: "shop.example.com",
            pageviews: .max, events: .min, duration: .max, visit: visit, entryProps: props
        )
        return JournalEntry(event: event, session: session ? state : nil)
    }

    /// Runs `body` with a fresh directory, removed afterwards.
    static func withDirectory<T>(_ body: (String) async throws -> T) async rethrows -> T {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("perch-journal-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try await body(path)
    }

    static func segmentFiles(_ directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".journal") }.sorted()
    }

    /// Tests check outcomes, not log lines; the journal's warnings about damage they cause are noise.
    static let quietLogger = Logger(label: "perch.test", factory: { _ in SwiftLogNoOpLogHandler() })

    static func openJournal(
        _ directory: String,
        applied: UInt64 = 0,
        durability: JournalDurability = .fsync,
        maxPending: Int = 1_000_000,
        maxPendingBytes: Int = 256 << 20,
        segmentBytes: Int = 64 << 20
    ) throws -> Journal {
        let journal = try Journal(
            directory: directory, durability: durability, maxPendingEntries: maxPending,
            maxPendingBytes: maxPendingBytes, segmentBytes: segmentBytes, logger: quietLogger
        )
        try journal.open(appliedSequence: applied)
        return journal
    }

    /// Appends the entries one by one, each waiting for durability; returns their sequences.
    static func appendDurably(_ journal: Journal, _ entries: [JournalEntry]) async throws -> [UInt64] {
        var sequences: [UInt64] = []
        for entry in entries {
            let sequence = try journal.append(entry)
            try await journal.waitDurable(sequence)
            sequences.append(sequence)
        }
        return sequences
    }
}
