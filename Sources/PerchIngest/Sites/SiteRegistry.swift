import PerchCore
import Synchronization

/// The sites the pipeline accepts events for, as an in-memory snapshot keyed by canonical domain.
/// Replaced whole by `SiteRefresher`, so a lookup never touches the store.
package final class SiteRegistry: Sendable {
    private let byDomain: Mutex<[String: Site]>

    package init(sites: [Site] = []) {
        byDomain = Mutex(Self.index(sites))
    }

    /// The site for a domain as a client sent it (case-insensitive, a leading `www.` ignored).
    package func site(forDomain domain: String) -> Site? {
        let key = Site.canonicalDomain(domain)
        return byDomain.withLock { $0[key] }
    }

    package func replace(with sites: [Site]) {
        let index = Self.index(sites)
        byDomain.withLock { $0 = index }
    }

    package var count: Int {
        byDomain.withLock { $0.count }
    }

    private static func index(_ sites: [Site]) -> [String: Site] {
        Dictionary(sites.map { (Site.canonicalDomain($0.domain), $0) }, uniquingKeysWith: { _, newer in newer })
    }
}
