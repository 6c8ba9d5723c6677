import PerchCore
import PerchStats

/// Plain queries: the kind the SQLite store's column cache answers (`QueryPlanner.precomputeRequest`):
/// non-time dimensions (a goal alone, properties, two at once), one time dimension alone or
/// beside them, metrics of counts and sums (and conversion rates), and text filters of any
/// operator (event filters on session metrics, visit filters on event metrics included) — so a world with the cache loaded exercises it on most of them.
extension StatsQueryGenerator {
    package static let plainDimensions: [Dimension?] = [
        nil, nil, .event(.page), .event(.name), .visit(.source), .visit(.country), .visit(.browser),
        .visit(.entryPage), .time(.hour), .time(.day), .time(.month), .prop("plan"), .event(.goal),
    ]
    package static let plainMetrics: Set<Metric> = [
        .visitors, .visits, .pageviews, .events, .bounceRate, .visitDuration, .viewsPerVisit, .percentage,
    ]

    package static func plainQuery(_ world: PropertyWorld, _ random: inout SplitMix64) -> PropertyQuery {
        let site = random.pick(world.sites)
        var dimensions = random.pick(plainDimensions).map { [$0] } ?? []
        if dimensions == [.event(.goal)], site.goals.isEmpty { dimensions = [] }
        if let main = dimensions.first, !main.isTime, main != .event(.goal), random.chance(25) {
            // A second dimension of the same table.
            let pool: [Dimension] =
                main.isEventDimension
                ? [.event(.page), .event(.name), .prop("plan")] : [.visit(.source), .visit(.country), .visit(.browser)]
            if let second = pool.filter({ $0 != main }).randomElement(using: &random) { dimensions.append(second) }
        }
        if let main = dimensions.first, !main.isTime, main != .event(.goal), random.chance(20) {
            // A time bucket beside them.
            dimensions.insert(.time(random.pick([.hour, .day, .month])), at: random.below(dimensions.count + 1))
        }
        var candidates = candidateMetrics(dimensions).filter(plainMetrics.contains)
        var metrics: [Metric] = []
        for _ in 0..<(1 + random.below(3)) where !candidates.isEmpty {
            metrics.append(candidates.remove(at: random.below(candidates.count)))
        }
        // Event metrics or an event dimension read events: filter those by event attributes or
        // their copies of visit attributes; otherwise sessions: filter by visit attributes.
        let readsEventsByShape =
            dimensions.contains(where: \.isEventDimension)
            || metrics.contains { $0 == .pageviews || $0 == .events }
        let readsSessions = metrics.contains { [.bounceRate, .visitDuration, .viewsPerVisit].contains($0) }
        // Either-table metrics alone by visit attributes read events too when an event filter is
        // given (a dashboard panel under a goal or page filter).
        let readsEvents =
            readsEventsByShape
            || (!readsSessions && !dimensions.contains(where: \.isSessionOnly) && random.chance(25))
        let generator = FilterGenerator(site: site, noPage: metrics.contains(.viewsPerVisit), topLevelProps: true)
        var pool: [Dimension] =
            readsEvents
            ? (readsSessions
                // Session metrics under an event filter: the sessions with a matching event.
                ? [.event(.name), .event(.page), .prop("plan")].filter {
                    $0 != .event(.page) || !metrics.contains(.viewsPerVisit)
                }
                : [.event(.name), .event(.page), .prop("plan"), .visit(.source), .visit(.country)])
            : [.visit(.source), .visit(.country), .visit(.browser), .visit(.entryPage)]
        if readsEvents, !readsSessions, !site.goals.isEmpty { pool.append(.event(.goal)) }
        var filters: [Filter] = []
        if !pool.isEmpty {
            for _ in 0..<random.pick([0, 1, 1, 2]) {
                var leaf = generator.leaf(random.pick(pool), &random)
                if random.chance(50), leaf.dimension != .event(.goal) {
                    // Plain `is`/`is_not` over values that occur.
                    leaf.op = random.chance(60) ? .is : .isNot
                    leaf.caseSensitive = true
                    leaf.clauses = (0..<(random.chance(70) ? 1 : 2)).map { _ in
                        .string(random.pick(generator.values(leaf.dimension)))
                    }
                }
                let nests = random.chance(20) && !(leaf.dimension.isProp || leaf.dimension == .event(.goal))
                filters.append(nests ? .not(.leaf(leaf)) : .leaf(leaf))
            }
        }
        // Conversion rates with a goal breakdown or a goal filter, on the events side.
        let goalFiltered = filters.contains {
            if case .leaf(let leaf) = $0 { leaf.dimension == .event(.goal) } else { false }
        }
        if dimensions == [.event(.goal)] || (goalFiltered && !readsSessions), random.chance(60) {
            metrics.insert(.conversionRate, at: random.below(metrics.count + 1))
        }
        // And each group's own rate (the dashboard's panels under a goal filter).
        if goalFiltered, !readsSessions, !dimensions.contains(where: \.isSessionOnly), !metrics.contains(.percentage),
            random.chance(50)
        {
            metrics.insert(.groupConversionRate, at: random.below(metrics.count + 1))
        }
        return shaped(site: site, metrics: metrics, dimensions: dimensions, filters: filters, world, &random)
    }
}

extension Dimension {
    fileprivate var isProp: Bool {
        if case .prop = self { return true }
        return false
    }
}
