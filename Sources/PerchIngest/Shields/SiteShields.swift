import PerchCore
import PerchEnrich

/// One site's shield rules, compiled for the pipeline (spec §5 steps 4–6 and 8): the hostname
/// allow list, page block list, IP block list and country block list.
package struct SiteShields: Sendable {
    package let allowedHostnames: [ShieldGlob]
    package let blockedPages: [ShieldGlob]
    package let blockedIPs: [CIDRBlock]
    package let blockedCountries: Set<String>

    /// Compiles stored rules; a stored value that no longer parses is skipped rather than
    /// blocking everything.
    package init(rules: [ShieldRule]) {
        allowedHostnames = rules.filter { $0.kind == .hostname }.map { ShieldGlob($0.value) }
        blockedPages = rules.filter { $0.kind == .page }.map { ShieldGlob($0.value) }
        blockedIPs = rules.filter { $0.kind == .ip }.compactMap { CIDRBlock($0.value) }
        blockedCountries = Set(rules.filter { $0.kind == .country }.map { $0.value.uppercased() })
    }

    package var isEmpty: Bool {
        allowedHostnames.isEmpty && blockedPages.isEmpty && blockedIPs.isEmpty && blockedCountries.isEmpty
    }

    /// The first shield (in pipeline order) that drops an event before geolocation, or nil.
    /// `hostname` is the event's, already without `www.`.
    package func dropBeforeGeolocation(hostname: String, pathname: String, clientIP: IPAddress?) -> DropReason? {
        if !allowedHostnames.isEmpty, !allowedHostnames.contains(where: { $0.matches(hostname) }) {
            return .siteHostnameAllowlist
        }
        if blockedPages.contains(where: { $0.matches(pathname) }) {
            return .sitePageBlocklist
        }
        if let clientIP, blockedIPs.contains(where: { $0.contains(clientIP) }) {
            return .siteIPBlocklist
        }
        return nil
    }

    /// The country shield: `countryCode` as geolocation found it ("" when unknown).
    package func dropsCountry(_ countryCode: String) -> Bool {
        !countryCode.isEmpty && !blockedCountries.isEmpty && blockedCountries.contains(countryCode.uppercased())
    }
}
