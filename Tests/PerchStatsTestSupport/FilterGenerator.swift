import PerchCore
import PerchStats

/// Random filters for one site: leaves over values that occur (in any case, or a piece of
/// them, or a wildcard pattern), combined with `and`/`or`/`not` and the behavioural filters.
package struct FilterGenerator {
    package var site: WorldSite
    /// `views_per_visit` refuses any `event:page` filter.
    package var noPage: Bool
    /// With `conversion_rate`, custom property filters may only sit at the top level.
    package var topLevelProps: Bool

    package static let eventDimensions: [Dimension] = [.event(.page), .event(.name), .prop("plan"), .prop("author")]
    package static let visitDimensions: [Dimension] = [
        .visit(.source), .visit(.country), .visit(.browser), .visit(.entryPage),
    ]
    package static let wildcards = [
        "/blog/*", "/blog/**", "/a*", "/*", "**/b", "/a|/blog", "*o*", "**", "P*", "*a*|x", "/A/**",
    ]

    package func filter(_ random: inout SplitMix64) -> Filter {
        switch random.below(20) {
        case 0..<10:
            if !site.goals.isEmpty, random.chance(20) { return .leaf(leaf(.event(.goal), &random)) }
            return .leaf(leaf(dimension(deep: false, eventOnly: false, &random), &random))
        case 10..<13:
            let children = (0..<2).map { _ in
                Filter.leaf(leaf(dimension(deep: true, eventOnly: false, &random), &random))
            }
            return random.chance(50) ? .and(children) : .or(children)
        case 13..<15: return .not(.leaf(leaf(dimension(deep: true, eventOnly: false, &random), &random)))
        default:
            var inner = Filter.leaf(leaf(dimension(deep: true, eventOnly: true, &random), &random))
            if random.chance(30) {
                let other = Filter.leaf(leaf(dimension(deep: true, eventOnly: true, &random), &random))
                inner = random.chance(50) ? .and([inner, other]) : .or([inner, other])
            }
            return random.chance(50) ? .hasDone(inner) : .hasNotDone(inner)
        }
    }

    package func dimension(deep: Bool, eventOnly: Bool, _ random: inout SplitMix64) -> Dimension {
        var pool = Self.eventDimensions + (eventOnly ? [] : Self.visitDimensions)
        if noPage { pool.removeAll { $0 == .event(.page) } }
        if deep, topLevelProps { pool.removeAll { if case .prop = $0 { true } else { false } } }
        return random.pick(pool)
    }

    package func values(_ dimension: Dimension) -> [String] {
        switch dimension {
        case .event(.page), .visit(.entryPage): PropertyWorld.paths
        case .event(.name): ["pageview"] + PropertyWorld.customNames
        case .event(.goal): site.goals.map(\.displayName)
        case .prop(let key): PropertyWorld.propValues[key]! + ["(none)"]
        case .visit(.source): ["Direct / None", "", "Google", "Twitter", "example.org"]
        case .visit(.country): PropertyWorld.countries
        case .visit(.browser): ["(not set)", "", "Firefox", "Chrome", "Safari"]
        default: []
        }
    }

    package func leaf(_ dimension: Dimension, _ random: inout SplitMix64) -> FilterLeaf {
        let pool = values(dimension)
        let op: FilterOperator
        switch random.below(20) {
        case 0..<7: op = .is
        case 7..<11: op = .isNot
        case 11..<15: op = .contains
        case 15..<17: op = .containsNot
        case 17..<19: op = .matchesWildcard
        default: op = .matchesWildcardNot
        }
        let folded = random.chance(30)
        var clauses: [FilterClause] = []
        for _ in 0..<(random.chance(70) ? 1 : 2) {
            var text = random.pick(pool)
            switch op.positive {
            case .contains where !text.isEmpty:
                let characters = Array(text)
                let start = random.below(characters.count)
                text = String(characters[start..<min(characters.count, start + 1 + random.below(3))])
            case .matchesWildcard:
                if random.chance(60) { text = random.pick(Self.wildcards) }
            default: break
            }
            // Goals must be named exactly by `is`; country codes stay two letters either way.
            if folded, !(op == .is && dimension == .event(.goal)), random.chance(60) {
                text = random.chance(50) ? text.uppercased() : text.lowercased()
            }
            clauses.append(.string(text))
        }
        return FilterLeaf(op: op, dimension: dimension, clauses: clauses, caseSensitive: !folded)
    }
}
