/// Why a store refused a change to its sites, goals or keys, in terms the CLI prints as they are.
/// (The SQLite store has its own cases for these in `SQLiteStoreError`.)
package enum SiteAdministrationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `sites add` for a domain that is already an active site.
    case siteExists(domain: String)
    /// A change to a domain that is not an active site.
    case unknownSite(domain: String)
    /// Not an IANA time zone name this system knows.
    case unknownTimezone(String)
    /// Empty after canonicalisation, or holds characters a host name cannot.
    case invalidDomain(String)
    /// A negative limit, or a limited site with a burst below 1.
    case invalidRateLimit
    /// Two domains whose ids (a hash of the domain) are equal: one of them cannot be added.
    case idCollision(domain: String, existing: String)

    package var description: String {
        switch self {
        case .siteExists(let domain): "site \(domain) already exists"
        case .unknownSite(let domain): "no site \(domain)"
        case .unknownTimezone(let name): "unknown time zone \(name)"
        case .invalidDomain(let text): "'\(text)' is not a domain"
        case .invalidRateLimit: "a rate limit must be at least 0/min with a burst of at least 1"
        case .idCollision(let domain, let existing): "\(domain) has the same site id as \(existing)"
        }
    }
}
