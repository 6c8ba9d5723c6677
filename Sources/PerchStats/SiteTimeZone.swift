import Foundation

/// A site's IANA time zone: UTC offsets at instants and the instants local days begin.
/// Foundation's tz database is used here, once per query, never per row: SQLite has none, so the
/// planner hands the store the offsets as an `OffsetSchedule`.
package struct SiteTimeZone: Sendable, Hashable {
    package let identifier: String
    private let zone: TimeZone

    package init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.identifier = identifier
        self.zone = zone
    }

    package static let utc = SiteTimeZone(identifier: "UTC")!

    /// Seconds east of UTC at the instant.
    package func offset(atUTC seconds: Int64) -> Int {
        zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// The first instant of the local date: its midnight, or the end of a DST gap covering it.
    package func startOfDay(_ date: CivilDate) -> Int64 {
        let local = Int64(date.daysSinceEpoch) * 86_400
        let before = Int64(offset(atUTC: local - 86_400))
        let after = Int64(offset(atUTC: local + 86_400))
        let candidates = [local - before, local - after].sorted()
        for candidate in candidates where candidate + Int64(offset(atUTC: candidate)) == local {
            return candidate
        }
        // Midnight falls in a gap: the day begins at the transition, written in the old offset.
        return local - before
    }

    /// The local date at the instant.
    package func date(atUTC seconds: Int64) -> CivilDate {
        let local = seconds + Int64(offset(atUTC: seconds))
        return CivilDate(daysSinceEpoch: Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400))
    }

    /// The offsets in force over `[from, to)`: one segment per DST period.
    package func schedule(from: Int64, to: Int64) -> OffsetSchedule {
        var segments = [OffsetSchedule.Segment(start: from, offset: offset(atUTC: from))]
        var cursor = Date(timeIntervalSince1970: TimeInterval(from))
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next.timeIntervalSince1970 < Double(to) {
            let start = Int64(next.timeIntervalSince1970.rounded())
            let offset = offset(atUTC: start)
            if offset != segments.last?.offset { segments.append(.init(start: start, offset: offset)) }
            cursor = next
        }
        return OffsetSchedule(segments: segments)
    }
}

/// UTC offsets by period: segment `i` applies from its start up to the next segment's start.
package struct OffsetSchedule: Sendable, Hashable {
    /// An offset in force from `start` (unix seconds).
    package struct Segment: Sendable, Hashable {
        package var start: Int64
        package var offset: Int
    }

    package var segments: [Segment]
}
