import PerchCore
import Synchronization

/// Every site's compiled shields, keyed by site id, as an in-memory snapshot replaced whole by
/// `ShieldRefresher`; sites without rules are absent, so the common case costs one lookup.
package final class ShieldRegistry: Sendable {
    private let bySite: Mutex<[Int64: SiteShields]>

    package init(rules: [Int64: [ShieldRule]] = [:]) {
        bySite = Mutex(Self.compile(rules))
    }

    package func shields(forSite siteID: Int64) -> SiteShields? {
        bySite.withLock { $0[siteID] }
    }

    package func replace(with rules: [Int64: [ShieldRule]]) {
        let compiled = Self.compile(rules)
        bySite.withLock { $0 = compiled }
    }

    private static func compile(_ rules: [Int64: [ShieldRule]]) -> [Int64: SiteShields] {
        rules.compactMapValues { rules in
            let shields = SiteShields(rules: rules)
            return shields.isEmpty ? nil : shields
        }
    }
}
