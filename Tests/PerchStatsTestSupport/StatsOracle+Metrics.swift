import Foundation
import PerchCore
import PerchStats

/// Metric formulas (spec §14.4, §14.5) and local time (§14.2, §14.3) over raw rows.
extension StatsOracle {
    package func eventMetric(_ metric: Metric, _ events: [EventRecord], totals: Totals) -> ExpectedMetric {
        let visitors = Set(events.map(\.userID)).count
        switch metric {
        case .visitors: return .number([Double(visitors)])
        case .visits: return .number([Double(Set(events.map(\.sessionID)).count)])
        case .pageviews: return .number([Double(events.filter { $0.name == "pageview" }.count)])
        case .events: return .number([Double(events.count)])
        case .percentage: return Self.share(visitors, of: totals.eventVisitors) ?? .null
        case .conversionRate: return Self.share(visitors, of: totals.conversionVisitors) ?? .number([0])
        case .totalRevenue, .averageRevenue:
            let currencies = Set(site.goals.compactMap(\.currency))
            let amounts = events.compactMap { $0.revenue?.reportingAmount?.thousandths }
            // No single reporting currency, or no revenue at all: null (§14.2, EE objects).
            guard currencies.count == 1, let currency = currencies.first, !amounts.isEmpty else { return .null }
            let sum = amounts.reduce(0, +)
            let value = metric == .totalRevenue ? Double(sum) / 1000 : Double(sum) / Double(amounts.count) / 1000
            return .money(value, currency: currency)
        default: return .null
        }
    }

    package func sessionMetric(_ metric: Metric, _ sessions: [SessionRecord], totals: Totals) -> ExpectedMetric {
        let count = sessions.count
        switch metric {
        case .visitors: return .number([Double(Set(sessions.map(\.userID)).count)])
        case .visits: return .number([Double(count)])
        case .percentage: return Self.share(Set(sessions.map(\.userID)).count, of: totals.sessionVisitors) ?? .null
        case .conversionRate:
            // With a session-only dimension: visitors of the sessions the goal filter selects.
            return Self.share(Set(sessions.map(\.userID)).count, of: totals.conversionVisitors) ?? .number([0])
        case .bounceRate:
            let entered = sessions.filter(enteredOnFilteredPage)
            let bounces = entered.filter(\.isBounce).count
            return entered.isEmpty ? .number([0]) : .number(Self.rounded(100 * bounces, entered.count, decimals: 0))
        case .visitDuration:
            let total = sessions.reduce(0) { $0 + Int($1.duration) }
            return count == 0 ? .number([0]) : .number(Self.rounded(total, count, decimals: 0))
        case .viewsPerVisit:
            let pageviews = sessions.reduce(0) { $0 + Int($1.pageviews) }
            return count == 0 ? .number([0]) : .number(Self.rounded(pageviews, count, decimals: 2))
        default: return .null
        }
    }

    /// `100 · part / whole` to 2 places; nil when `whole` is zero.
    package static func share(_ part: Int, of whole: Int) -> ExpectedMetric? {
        whole == 0 ? nil : .number(rounded(100 * part, whole, decimals: 2))
    }

    /// `numerator / denominator` rounded to `decimals` places, exactly; both neighbours on an exact tie.
    package static func rounded(_ numerator: Int, _ denominator: Int, decimals: Int) -> [Double] {
        let scale = decimals == 0 ? 1 : 100
        let scaled = numerator * scale
        let quotient = scaled / denominator
        let twice = 2 * (scaled % denominator)
        let candidates =
            twice < denominator ? [quotient] : twice > denominator ? [quotient + 1] : [quotient, quotient + 1]
        return candidates.map { Double($0) / Double(scale) }
    }

    // MARK: time

    /// First and last local dates (days since 1970-01-01) of a relative or fixed range.
    package static func localDates(_ range: PropertyQuery.Range, today: Int) -> (Int, Int) {
        switch range {
        case .day: return (today, today)
        case .days(let count): return (today - count, today - 1)
        case .dates(let first, let last): return (first, last)
        case .month:
            let parts = utc.dateComponents([.year, .month], from: Date(timeIntervalSince1970: Double(today * 86_400)))
            let first = utc.date(from: DateComponents(year: parts.year, month: parts.month, day: 1))!
            let next = utc.date(byAdding: .month, value: 1, to: first)!
            return (Int(first.timeIntervalSince1970) / 86_400, Int(next.timeIntervalSince1970) / 86_400 - 1)
        }
    }

    package static var utc: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }

    /// The local date of an instant, as days since 1970-01-01.
    package static func dayIndex(_ instant: Int64, _ calendar: Calendar) -> Int {
        let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(instant)))
        let date = utc.date(from: DateComponents(year: parts.year, month: parts.month, day: parts.day))!
        return Int(date.timeIntervalSince1970) / 86_400
    }

    /// The instant a local date begins (none of the generated zones skips a midnight).
    package static func startOfDay(_ day: Int, _ calendar: Calendar) -> Int64 {
        let parts = utc.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(day * 86_400)))
        let local = calendar.date(from: DateComponents(year: parts.year, month: parts.month, day: parts.day))!
        return Int64(calendar.startOfDay(for: local).timeIntervalSince1970)
    }

    /// Every bucket of the range (`include.time_labels`): each local date, or each month's first day.
    package func timeLabels(_ granularity: TimeGranularity) -> [String] {
        var labels: [String] = []
        for day in firstDay...lastDay {
            let parts = Self.utc.dateComponents(
                [.year, .month, .day], from: Date(timeIntervalSince1970: Double(day * 86_400)))
            let text = CivilDate(year: parts.year!, month: parts.month!, day: granularity == .month ? 1 : parts.day!)
                .description
            if labels.last != text { labels.append(text) }
        }
        return labels
    }

    /// The bucket label of an instant: `YYYY-MM-DD HH:00:00`, `YYYY-MM-DD`, or the month's first day.
    package func label(_ instant: Int64, _ granularity: TimeGranularity) -> String {
        let parts = calendar.dateComponents(
            [.year, .month, .day, .hour], from: Date(timeIntervalSince1970: Double(instant)))
        func pad(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }
        let month = "\(parts.year!)-\(pad(parts.month!))"
        switch granularity {
        case .hour: return "\(month)-\(pad(parts.day!)) \(pad(parts.hour!)):00:00"
        case .month: return "\(month)-01"
        default: return "\(month)-\(pad(parts.day!))"
        }
    }
}
