import PerchCore
import Synchronization

/// The sites the pipeline accepts events for, as an in-memory snapshot keyed by canonical domain.
/// Replaced whole by `SiteRefresher`, so a lookup never touches the store.
package final class SiteRegistry: Sendable {
    private let byDomain: Mutex<[String: Site]>
    /// Asked when a domain is not found: reloads the registry if the directory changed since the
    /// last load (`SiteRefresher.refreshIfChanged`), so a site added a moment ago is found. Kept in
    /// a class, not as a bare closure: a function value in a generic container read through
    /// `inout` (as `Mutex.withLock` does) gains a pair of reabstraction thunks on every access, so
    /// each call would nest deeper than the last until the stack overflowed.
    private let onMiss: Mutex<MissHandler?>

    package init(sites: [Site] = []) {
        byDomain = Mutex(Self.index(sites))
        onMiss = Mutex(nil)
    }

    /// The site for a domain as a client sent it (case-insensitive, a leading `www.` ignored).
    /// An unknown domain makes the registry check its directory for changes first (rate-limited
    /// by the refresher), so `perch sites add` takes effect for the very next event.
    package func site(forDomain domain: String) -> Site? {
        let key = Site.canonicalDomain(domain)
        if let site = byDomain.withLock({ $0[key] }) { return site }
        guard let handler = onMiss.withLock({ $0 }), handler.reload() else { return nil }
        return byDomain.withLock { $0[key] }
    }

    /// `site` as the directory has it now when the directory changed since the last load (the
    /// same rate-limited check as for an unknown domain), else `site` itself. For an event whose
    /// handling depends on a setting that may have just been added, such as a revenue goal.
    package func latest(_ site: Site) -> Site {
        guard let handler = onMiss.withLock({ $0 }), handler.reload() else { return site }
        return byDomain.withLock { $0[Site.canonicalDomain(site.domain)] } ?? site
    }

    /// What to run when a domain is not found; it answers whether the registry was reloaded.
    package func reloadOnMiss(_ reload: @escaping @Sendable () -> Bool) {
        let handler = MissHandler(reload: reload)
        onMiss.withLock { $0 = handler }
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

/// What `SiteRegistry` runs when a domain is not found.
private final class MissHandler: Sendable {
    let reload: @Sendable () -> Bool

    init(reload: @escaping @Sendable () -> Bool) {
        self.reload = reload
    }
}
