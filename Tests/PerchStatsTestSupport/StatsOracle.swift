import Foundation
import PerchCore
import PerchStats

/// One expected result row.
package struct ExpectedRow {
    package var dimensions: [String]
    package var metrics: [ExpectedMetric]
}

/// An expected metric value: a number (several when an exact tie may round either way, spec
/// §14.5), null, or a revenue amount in the reporting currency.
package enum ExpectedMetric: CustomStringConvertible {
    case number([Double])
    case null
    case money(Double, currency: String)

    package var description: String {
        switch self {
        case .number(let values): values.map { String($0) }.joined(separator: "|")
        case .null: "null"
        case .money(let value, let currency): "\(currency) \(value)"
        }
    }
}

/// The brute-force answer to a generated query, computed over the world's raw rows from the
/// spec's definitions (§14.2–§14.5), with Foundation's calendar for every local-time question.
package struct StatsOracle {
    package let query: PropertyQuery
    package let site: WorldSite
    package let calendar: Calendar
    /// The range as a half-open interval of unix seconds.
    package let from: Int64
    package let to: Int64
    /// The range's first and last local dates, as days since 1970-01-01.
    package let firstDay: Int
    package let lastDay: Int
    /// The site's non-engagement events in the range, before any filter: what behavioural and
    /// session-selecting filters look at.
    package let inRange: [EventRecord]
    package let sessionsByID: [UInt64: SessionRecord]
    package let siteSessions: [SessionRecord]

    package init(world: PropertyWorld, query: PropertyQuery) {
        self.query = query
        site = query.site
        calendar = site.calendar
        let (first, last) = Self.localDates(query.range, today: Self.dayIndex(world.now, calendar))
        (firstDay, lastDay) = (first, last)
        let (start, end) = (Self.startOfDay(first, calendar), Self.startOfDay(last + 1, calendar))
        (from, to) = (start, end)
        let siteID = site.id
        inRange = world.events.filter {
            $0.siteID == siteID && $0.timestamp >= start && $0.timestamp < end && $0.name != "engagement"
        }
        siteSessions = world.sessions.filter { $0.siteID == siteID }
        sessionsByID = Dictionary(uniqueKeysWithValues: siteSessions.map { ($0.sessionID, $0) })
    }

    /// Either-table metrics read events when an event dimension or filter is involved (§14.5);
    /// a session-only dimension leaves them on sessions.
    package var eitherReadsEvents: Bool {
        let eventDimension = query.dimensions.contains(where: \.isEventDimension)
        let eventFilter = query.filters.flatMap { $0.leaves() }.contains { $0.0.dimension.isEventDimension }
        return (eventDimension || eventFilter) && !query.dimensions.contains(where: \.isSessionOnly)
    }

    package func readsEvents(_ metric: Metric) -> Bool {
        switch metric.source {
        case .events: true
        case .sessions: false
        case .either: eitherReadsEvents
        }
    }

    package func rows() -> [ExpectedRow] {
        let eventGroups = groupedEvents()
        let sessionGroups = groupedSessions()
        // Rows are those of the events side whenever any metric reads events.
        let driverIsEvents = query.metrics.contains(where: readsEvents)
        var keys = Set(driverIsEvents ? Array(eventGroups.keys) : Array(sessionGroups.keys))
        if query.dimensions.isEmpty { keys = [[]] }
        let totals = Totals(oracle: self)
        let denominators = query.metrics.contains(.groupConversionRate) ? groupDenominators() : [:]
        return keys.map { key in
            let metrics = query.metrics.map { metric in
                if metric == .groupConversionRate {
                    let visitors = Set((eventGroups[key] ?? []).map(\.userID)).count
                    return Self.share(visitors, of: denominators[nonGoalKey(key)] ?? 0) ?? .number([0])
                }
                return readsEvents(metric)
                    ? eventMetric(metric, eventGroups[key] ?? [], totals: totals)
                    : sessionMetric(metric, sessionGroups[key] ?? [], totals: totals)
            }
            return ExpectedRow(dimensions: key, metrics: metrics)
        }
    }

    /// Matching events by dimension values; with `event:goal`, an event counts once per goal it completes.
    package func groupedEvents() -> [[String]: [EventRecord]] {
        var groups: [[String]: [EventRecord]] = [:]
        for event in inRange where query.filters.allSatisfy({ eventMatches($0, event) }) {
            let goals: [String?] =
                query.dimensions.contains(.event(.goal))
                ? site.goals.filter { completes(event, $0) }.map(\.displayName) : [nil]
            for goal in goals {
                let key = query.dimensions.map { dimension in
                    if dimension == .event(.goal) { return goal ?? "" }
                    if case .time(let granularity?) = dimension { return label(event.timestamp, granularity) }
                    return eventValue(dimension, event)
                }
                groups[key, default: []].append(event)
            }
        }
        return groups
    }

    /// Sessions in range (§14.4 window) passing the filters, by dimension values; a session's time
    /// bucket is that of its start, or of the range's start when it began before.
    package func groupedSessions() -> [[String]: [SessionRecord]] {
        var groups: [[String]: [SessionRecord]] = [:]
        for session in sessionsInRange() {
            let key = query.dimensions.map { dimension in
                if case .time(let granularity?) = dimension { return label(max(session.start, from), granularity) }
                return sessionValue(dimension, session)
            }
            groups[key, default: []].append(session)
        }
        return groups
    }

    package func sessionsInRange() -> [SessionRecord] {
        siteSessions.filter { session in
            session.start >= from - 7 * 86_400 && session.timestamp >= from && session.start < to
                && query.filters.allSatisfy { sessionMatches($0, session) }
        }
    }

    /// `group_conversion_rate`'s denominators: the visitors of each group without its goal
    /// (keyed by `nonGoalKey`) among the events the filters but top-level goal and property ones keep.
    package func groupDenominators() -> [[String]: Int] {
        let kept = Totals.conversionFilters(query.filters)
        var visitors: [[String]: Set<UInt64>] = [:]
        for event in inRange where kept.allSatisfy({ eventMatches($0, event) }) {
            let key = query.dimensions.filter { $0 != .event(.goal) }.map { dimension in
                if case .time(let granularity?) = dimension { return label(event.timestamp, granularity) }
                return eventValue(dimension, event)
            }
            visitors[key, default: []].insert(event.userID)
        }
        return visitors.mapValues(\.count)
    }

    /// A row's key without its goal.
    package func nonGoalKey(_ key: [String]) -> [String] {
        zip(query.dimensions, key).filter { $0.0 != .event(.goal) }.map(\.1)
    }

    /// Whole-query denominators: `percentage` totals and the conversion rate's visitors.
    package struct Totals {
        package var eventVisitors: Int
        package var sessionVisitors: Int
        package var conversionVisitors: Int

        package init(oracle: StatsOracle) {
            let filters = oracle.query.filters
            let events = oracle.inRange.filter { event in filters.allSatisfy { oracle.eventMatches($0, event) } }
            eventVisitors = Set(events.map(\.userID)).count
            sessionVisitors = Set(oracle.sessionsInRange().map(\.userID)).count
            let kept = Self.conversionFilters(filters)
            conversionVisitors =
                Set(
                    oracle.inRange.filter { event in kept.allSatisfy { oracle.eventMatches($0, event) } }.map(\.userID)
                ).count
        }

        /// Top-level goal and property filters pick the conversions, not the visitors (§14.5).
        package static func conversionFilters(_ filters: [Filter]) -> [Filter] {
            filters.filter { filter in
                guard case .leaf(let leaf) = filter else { return true }
                if case .prop = leaf.dimension { return false }
                return leaf.dimension != .event(.goal)
            }
        }
    }
}
