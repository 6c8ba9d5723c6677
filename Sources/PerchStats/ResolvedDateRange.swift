/// A `date_range` resolved in the site's time zone: a half-open UTC interval and the local dates
/// it covers (spec §14.2).
package struct ResolvedDateRange: Sendable, Hashable {
    package var timeZone: SiteTimeZone
    package var firstDate: CivilDate
    package var lastDate: CivilDate
    /// Unix seconds, inclusive.
    package var from: Int64
    /// Unix seconds, exclusive.
    package var to: Int64

    package init(timeZone: SiteTimeZone, firstDate: CivilDate, lastDate: CivilDate, from: Int64, to: Int64) {
        self.timeZone = timeZone
        self.firstDate = firstDate
        self.lastDate = lastDate
        self.from = from
        self.to = to
    }

    /// Resolves `input` with "now" injected. `statsStart` is the site's first day with data
    /// (for `all`); today when unknown.
    package static func resolve(
        _ input: DateRangeInput, timeZone: SiteTimeZone, now: Int64, statsStart: CivilDate? = nil,
        trim: Bool = false
    ) -> ResolvedDateRange {
        let today = timeZone.date(atUTC: now)
        switch input {
        case .day: return days(today, today, timeZone)
        case .days(let count): return days(today.adding(days: -count), today.adding(days: -1), timeZone)
        case .months(let count):
            let thisMonth = today.startOfMonth
            return days(thisMonth.adding(months: -count), thisMonth.adding(days: -1), timeZone)
        case .month: return days(today.startOfMonth, trim ? today : today.endOfMonth, timeZone)
        case .year:
            let last = trim ? today : CivilDate(year: today.year, month: 12, day: 31)
            return days(CivilDate(year: today.year, month: 1, day: 1), last, timeZone)
        case .all: return days(min(statsStart ?? today, today), today, timeZone)
        case .dates(let first, let last): return days(first, last, timeZone)
        case .datetimes(let from, let to):
            return ResolvedDateRange(
                timeZone: timeZone, firstDate: timeZone.date(atUTC: from), lastDate: timeZone.date(atUTC: to),
                from: from, to: to + 1)
        }
    }

    private static func days(_ first: CivilDate, _ last: CivilDate, _ zone: SiteTimeZone) -> ResolvedDateRange {
        ResolvedDateRange(
            timeZone: zone, firstDate: first, lastDate: last, from: zone.startOfDay(first),
            to: zone.startOfDay(last.adding(days: 1)))
    }

    /// An upper bound of the number of buckets `labels(granularity)` lists.
    package func bucketCountEstimate(_ granularity: TimeGranularity) -> Int {
        let days = lastDate.daysSinceEpoch - firstDate.daysSinceEpoch + 1
        switch granularity {
        case .minute: return Int((to - from) / 60) + 2
        case .hour: return Int((to - from) / 3600) + 2
        case .day: return days
        case .week: return days / 7 + 2
        case .month: return days / 28 + 2
        }
    }

    /// The granularity `time` stands for: ≤ 48 h hours, ≤ 40 days days, ≤ 52 weeks weeks, else months.
    package var automaticGranularity: TimeGranularity {
        let seconds = to - from
        if seconds <= 48 * 3600 { return .hour }
        let days = lastDate.daysSinceEpoch - firstDate.daysSinceEpoch + 1
        if days <= 40 { return .day }
        if days <= 52 * 7 { return .week }
        return .month
    }

    /// `[first, last]` as the `query` echo prints them: ISO-8601 in the site's offset, last second included.
    package var echo: [String] {
        [timestamp(from), timestamp(to - 1)]
    }

    private func timestamp(_ instant: Int64) -> String {
        let offset = timeZone.offset(atUTC: instant)
        let local = instant + Int64(offset)
        let date = CivilDate(daysSinceEpoch: Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400))
        let second = Int(local - Int64(date.daysSinceEpoch) * 86_400)
        var text =
            date.description + "T" + CivilDate.pad(second / 3600, 2) + ":"
            + CivilDate.pad(second % 3600 / 60, 2) + ":" + CivilDate.pad(second % 60, 2)
        if timeZone.identifier == "UTC" || timeZone.identifier == "Etc/UTC" {
            text += "Z"
        } else {
            let magnitude = abs(offset)
            text +=
                (offset < 0 ? "-" : "+") + CivilDate.pad(magnitude / 3600, 2) + ":"
                + CivilDate.pad(magnitude % 3600 / 60, 2)
        }
        return text
    }

    /// Every bucket label of the range, as Plausible prints them: `YYYY-MM-DD HH:00:00` for hours,
    /// the first day otherwise; weeks start on Monday but never before the range's first day.
    package func labels(_ granularity: TimeGranularity) -> [String] {
        switch granularity {
        case .minute:
            let first = localStart(from, unit: 60)
            let last = localStart(to - 1, unit: 60)
            return stride(from: first, through: last, by: 60).map { Self.minuteLabel(localSeconds: $0) }
        case .hour:
            let firstHour = localHour(from)
            let lastHour = localHour(to - 1)
            return stride(from: firstHour, through: lastHour, by: 3600).map { Self.hourLabel(localSeconds: $0) }
        case .day:
            return (firstDate.daysSinceEpoch...lastDate.daysSinceEpoch).map {
                CivilDate(daysSinceEpoch: $0).description
            }
        case .week:
            var labels = [firstDate.description]
            var monday = firstDate.startOfWeek.adding(days: 7)
            while monday <= lastDate {
                labels.append(monday.description)
                monday = monday.adding(days: 7)
            }
            return labels
        case .month:
            var labels: [String] = []
            var month = firstDate.startOfMonth
            while month <= lastDate {
                labels.append(month.description)
                month = month.adding(months: 1)
            }
            return labels
        }
    }

    /// Local wall-clock seconds of the hour containing `instant`, counted from 1970-01-01 local.
    private func localHour(_ instant: Int64) -> Int64 {
        let local = instant + Int64(timeZone.offset(atUTC: instant))
        return local - ((local % 3600) + 3600) % 3600
    }

    /// Local wall-clock seconds of the `unit`-second bucket containing `instant`.
    private func localStart(_ instant: Int64, unit: Int64) -> Int64 {
        let local = instant + Int64(timeZone.offset(atUTC: instant))
        return local - ((local % unit) + unit) % unit
    }

    static func minuteLabel(localSeconds: Int64) -> String {
        let days = Int(localSeconds >= 0 ? localSeconds / 86_400 : (localSeconds - 86_399) / 86_400)
        let second = Int(localSeconds - Int64(days) * 86_400)
        return CivilDate(daysSinceEpoch: days).description + " " + CivilDate.pad(second / 3600, 2) + ":"
            + CivilDate.pad(second % 3600 / 60, 2) + ":00"
    }

    static func hourLabel(localSeconds: Int64) -> String {
        let days = Int(localSeconds >= 0 ? localSeconds / 86_400 : (localSeconds - 86_399) / 86_400)
        let hour = Int(localSeconds - Int64(days) * 86_400) / 3600
        return CivilDate(daysSinceEpoch: days).description + " " + CivilDate.pad(hour, 2) + ":00:00"
    }
}
