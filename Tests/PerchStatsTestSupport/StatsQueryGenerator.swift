import PerchCore
import PerchStats

/// Random queries the validator accepts (spec §14.2): the metric/dimension conflicts, the
/// filter placement rules and the goal rules are respected by construction.
package enum StatsQueryGenerator {
    package static let nonTimeDimensions: [Dimension?] = [
        nil, nil, .event(.page), .event(.name), .prop("plan"), .prop("author"), .event(.goal),
        .visit(.source), .visit(.country), .visit(.browser), .visit(.entryPage),
    ]

    package static func query(_ world: PropertyWorld, _ random: inout SplitMix64) -> PropertyQuery {
        let site = random.pick(world.sites)
        let goalNames = site.goals.map(\.displayName)
        let dimensions = dimensions(hasGoals: !goalNames.isEmpty, &random)
        var candidates = candidateMetrics(dimensions)
        var metrics: [Metric] = []
        for _ in 0..<(1 + random.below(3)) where !candidates.isEmpty {
            metrics.append(candidates.remove(at: random.below(candidates.count)))
        }
        let conversion = !goalNames.isEmpty && random.chance(30)
        var filters: [Filter] = []
        let generator = FilterGenerator(
            site: site, noPage: metrics.contains(.viewsPerVisit), topLevelProps: conversion)
        if conversion, !dimensions.contains(.event(.goal)) || random.chance(30) {
            filters.append(.leaf(generator.leaf(.event(.goal), &random)))
        }
        for _ in 0..<random.pick(conversion ? [0, 0, 1] : [0, 1, 1, 2]) { filters.append(generator.filter(&random)) }
        if conversion { metrics.insert(.conversionRate, at: random.below(metrics.count + 1)) }
        return shaped(site: site, metrics: metrics, dimensions: dimensions, filters: filters, world, &random)
    }

    /// The query with a random range, order, page, `total_rows` and `time_labels`.
    package static func shaped(
        site: WorldSite, metrics: [Metric], dimensions: [Dimension], filters: [Filter], _ world: PropertyWorld,
        _ random: inout SplitMix64
    ) -> PropertyQuery {
        var query = PropertyQuery(
            site: site, metrics: metrics, dimensions: dimensions, filters: filters, range: range(world, &random),
            orderBy: random.chance(40) ? order(metrics, dimensions, &random) : nil)
        if random.chance(20) { query.page = (1 + random.below(4), random.below(4)) }
        query.totalRows = random.chance(30)
        // Hour labels across a DST gap are not specified; day and month labels are.
        query.timeLabels = dimensions.contains { $0 == .time(.day) || $0 == .time(.month) } && random.chance(40)
        return query
    }

    /// None, one or two groupings, and maybe a time bucket.
    package static func dimensions(hasGoals: Bool, _ random: inout SplitMix64) -> [Dimension] {
        var main = random.pick(nonTimeDimensions)
        if main == .event(.goal), !hasGoals { main = nil }
        var dimensions = main.map { [$0] } ?? []
        if let main, random.chance(25) {
            // A second grouping; beside visit:entry_page only visit attributes, so no row mixes the tables.
            let pool: [Dimension] =
                main == .visit(.entryPage)
                ? [.visit(.source), .visit(.country), .visit(.browser)]
                : [.event(.page), .event(.name), .prop("plan"), .visit(.source), .visit(.country), .visit(.browser)]
            if let second = pool.filter({ $0 != main }).randomElement(using: &random) { dimensions.append(second) }
        }
        if random.chance(40) { dimensions.append(.time(random.pick([.hour, .day, .month]))) }
        return dimensions
    }

    /// Metrics valid with these dimensions (conversion rate is added with its goal filter or dimension).
    package static func candidateMetrics(_ dimensions: [Dimension]) -> [Metric] {
        var metrics: [Metric] = [.visitors, .visits]
        if !dimensions.contains(where: \.isSessionOnly) {
            metrics += [.pageviews, .events, .totalRevenue, .averageRevenue]
        }
        // Session metrics go with no event dimension but event:page alone (joined through the entry page).
        let eventDimensions = dimensions.filter(\.isEventDimension)
        if eventDimensions.isEmpty || eventDimensions == [.event(.page)] { metrics += [.bounceRate, .visitDuration] }
        if dimensions.isEmpty { metrics.append(.viewsPerVisit) }
        // Percentage of the goal breakdown would be a share of goal completers: left out.
        if dimensions.contains(where: { !$0.isTime }), !dimensions.contains(.event(.goal)) {
            metrics.append(.percentage)
        }
        return metrics
    }

    package static func range(_ world: PropertyWorld, _ random: inout SplitMix64) -> PropertyQuery.Range {
        switch random.below(10) {
        case 0, 1: return .day
        case 2, 3: return .days(7)
        case 4: return .days(30)
        case 5: return .month
        default:
            let first = Int(PropertyWorld.base / 86_400) - 2 + random.below(Int(PropertyWorld.days))
            return .dates(first, first + random.pick([0, 0, 1, 2, 5, 9]))
        }
    }

    package static func order(_ metrics: [Metric], _ dimensions: [Dimension], _ random: inout SplitMix64)
        -> [OrderEntry]
    {
        var targets: [OrderEntry.Target] =
            metrics.filter { $0.decimals != nil }.map { .metric($0) } + dimensions.map { .dimension($0) }
        var entries: [OrderEntry] = []
        while !targets.isEmpty, entries.isEmpty || random.chance(50) {
            entries.append(
                OrderEntry(target: targets.remove(at: random.below(targets.count)), ascending: random.chance(50)))
        }
        return entries.isEmpty ? [OrderEntry(target: .metric(metrics[0]), ascending: false)] : entries
    }
}
