import PerchCore
import PerchStats

/// Plain queries: the kind the SQLite store's column cache answers (`QueryPlanner.precomputeRequest`):
/// at most one dimension, metrics of counts and sums, and `is`/`is_not` filters on the one side
/// the query reads — so a world with the cache loaded exercises it on most of them.
extension StatsQueryGenerator {
    static let plainDimensions: [Dimension?] = [
        nil, nil, .event(.page), .event(.name), .visit(.source), .visit(.country), .visit(.browser),
        .visit(.entryPage), .time(.hour), .time(.day), .time(.month),
    ]
    static let plainMetrics: Set<Metric> = [
        .visitors, .visits, .pageviews, .events, .bounceRate, .visitDuration, .viewsPerVisit, .percentage,
    ]

    static func plainQuery(_ world: PropertyWorld, _ random: inout SplitMix64) -> PropertyQuery {
        let site = random.pick(world.sites)
        let dimensions = random.pick(plainDimensions).map { [$0] } ?? []
        var candidates = candidateMetrics(dimensions).filter(plainMetrics.contains)
        var metrics: [Metric] = []
        for _ in 0..<(1 + random.below(3)) where !candidates.isEmpty {
            metrics.append(candidates.remove(at: random.below(candidates.count)))
        }
        // Event metrics or an event dimension read events: filter those by event attributes;
        // otherwise sessions: filter by visit attributes.
        let readsEvents =
            dimensions.contains(where: \.isEventDimension)
            || metrics.contains { $0 == .pageviews || $0 == .events }
        let readsSessions = metrics.contains { [.bounceRate, .visitDuration, .viewsPerVisit].contains($0) }
        let generator = FilterGenerator(site: site, noPage: metrics.contains(.viewsPerVisit), topLevelProps: false)
        let pool: [Dimension] =
            readsEvents
            ? (readsSessions ? [] : [.event(.name), .event(.page)])
            : [.visit(.source), .visit(.country), .visit(.browser), .visit(.entryPage)]
        var filters: [Filter] = []
        if !pool.isEmpty {
            for _ in 0..<random.pick([0, 1, 1, 2]) {
                var leaf = generator.leaf(random.pick(pool), &random)
                leaf.op = random.chance(60) ? .is : .isNot
                leaf.caseSensitive = true
                leaf.clauses = (0..<(random.chance(70) ? 1 : 2)).map { _ in
                    .string(random.pick(generator.values(leaf.dimension)))
                }
                filters.append(random.chance(20) ? .not(.leaf(leaf)) : .leaf(leaf))
            }
        }
        return shaped(site: site, metrics: metrics, dimensions: dimensions, filters: filters, world, &random)
    }
}
