import PerchCore
import PerchEnrich

/// Derives a visitor's `user_id` (spec §8): SipHash-2-4 keyed by a daily salt over
/// `UA ‖ client IP ‖ domain ‖ root domain`, with no separators. Computed for the current and the
/// previous salt so a session that began before a rotation can still be found.
package struct VisitorIdentity: Sendable {
    /// The Public Suffix List in force (the data set when installed, else the built-in excerpt).
    package var suffixes: @Sendable () -> PublicSuffixList

    package init(suffixes: @escaping @Sendable () -> PublicSuffixList = { PublicSuffixList.builtIn }) {
        self.suffixes = suffixes
    }

    /// The `root_domain` of spec §8: `(none)` stays `(none)`; otherwise the registrable domain, or
    /// the hostname itself when it has none (an IP literal, `localhost`, a bare public suffix).
    package static func rootDomain(of hostname: String, in suffixes: PublicSuffixList) -> String {
        if hostname == "(none)" { return hostname }
        return suffixes.registrableDomain(of: hostname) ?? hostname
    }

    /// The ids under both salts. `domain` is the request's domain (after the `www.` strip),
    /// `hostname` the URL's host or `(none)`.
    package func userIDs(
        salts: (current: Salt, previous: Salt?),
        userAgent: String?,
        clientIP: String,
        domain: String,
        hostname: String
    ) -> (current: UInt64, previous: UInt64?) {
        userIDs(
            salts: salts, userAgent: userAgent, clientIP: clientIP, domain: domain, hostname: hostname,
            suffixes: suffixes())
    }

    /// As `userIDs(salts:userAgent:clientIP:domain:hostname:)`, with the Public Suffix List given
    /// (the pipeline reads its data sets once per request).
    package func userIDs(
        salts: (current: Salt, previous: Salt?),
        userAgent: String?,
        clientIP: String,
        domain: String,
        hostname: String,
        suffixes: PublicSuffixList
    ) -> (current: UInt64, previous: UInt64?) {
        let root = Self.rootDomain(of: hostname, in: suffixes)
        let current = Self.userID(
            salt: salts.current, userAgent: userAgent, clientIP: clientIP, domain: domain, rootDomain: root)
        let previous = salts.previous.map {
            Self.userID(salt: $0, userAgent: userAgent, clientIP: clientIP, domain: domain, rootDomain: root)
        }
        return (current, previous)
    }

    /// The id under one salt, with the root domain already derived.
    package static func userID(
        salt: Salt,
        userAgent: String?,
        clientIP: String,
        domain: String,
        rootDomain: String
    ) -> UInt64 {
        var hasher = SipHash24(key: salt.bytes)
        if let userAgent { hasher.append(utf8: userAgent) }
        hasher.append(utf8: clientIP)
        hasher.append(utf8: domain)
        hasher.append(utf8: rootDomain)
        return hasher.finalize()
    }
}
