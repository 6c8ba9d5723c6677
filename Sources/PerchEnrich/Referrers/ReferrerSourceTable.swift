import PerchCore

/// Names referrer sources (spec §4.2): snowplow referer-parser's known hosts (`referers-latest.json`)
/// overlaid with Plausible's custom sources, plus the canonical spelling of tagged sources
/// (`utm_source=fb` → `Facebook`) and each source's medium for the acquisition channel.
package struct ReferrerSourceTable: DatasetContent, ReferrerSourceNaming {
    package static var kind: DatasetKind { .referrerSources }

    /// One source of the data: its name, medium and domains (`google.de`, or with a path prefix,
    /// `google.com/imgres`).
    package struct Source: Sendable, Hashable {
        package let name: String
        package let medium: ReferrerMedium
        package let domains: [String]

        package init(name: String, medium: ReferrerMedium, domains: [String]) {
            self.name = name
            self.medium = medium
            self.domains = domains
        }
    }

    /// A path-prefixed domain: the source applies only when the referrer path starts with `prefix`.
    private struct PathRule: Sendable {
        let prefix: String
        let source: Int
    }

    /// The lookup tables, in one object: the pipeline reads the live table on every event and
    /// hands it on as `any ReferrerSourceNaming`, so a copy is one reference (one retain, and
    /// small enough to sit in an existential without a heap box) rather than six.
    private final class Tables: Sendable {
        let sources: [(name: String, medium: ReferrerMedium)]
        /// Host (lowercase, www-stripped) → index into `sources`; substring keys let a lookup by a
        /// parent-domain slice of the host run without allocating.
        let hosts: [HostKey: Int]
        let pathRules: [HostKey: [PathRule]]
        let custom: [String: String]
        let canonicalNames: [String: String]
        let mediums: [String: ReferrerMedium]

        init(
            sources: [(name: String, medium: ReferrerMedium)], hosts: [HostKey: Int], pathRules: [HostKey: [PathRule]],
            custom: [String: String], canonicalNames: [String: String], mediums: [String: ReferrerMedium]
        ) {
            self.sources = sources
            self.hosts = hosts
            self.pathRules = pathRules
            self.custom = custom
            self.canonicalNames = canonicalNames
            self.mediums = mediums
        }
    }

    private let tables: Tables

    package var entryCount: Int { tables.sources.count }

    /// A table from sources, overlaid with `custom` (Plausible's custom sources by default).
    /// Where two sources claim one domain, the more telling medium wins, then the order given.
    /// Names are spelled as Plausible's own referrer list spells them (`PlausibleSourceSpellings`),
    /// whose host assignments come first.
    package init(sources data: [Source], custom: [String: String] = PlausibleCustomSources.mapping) {
        let given = PlausibleSourceSpellings.overrideSources + data.map(PlausibleSourceSpellings.spelling)
        let ordered = given.enumerated().sorted { left, right in
            (left.element.medium.precedence, left.offset) < (right.element.medium.precedence, right.offset)
        }.map(\.element)
        var sources: [(name: String, medium: ReferrerMedium)] = []
        var hosts: [HostKey: Int] = [:]
        var pathRules: [HostKey: [PathRule]] = [:]
        var canonicalNames: [String: String] = [:]
        var mediums: [String: ReferrerMedium] = [:]
        for source in ordered {
            let index = sources.count
            sources.append((source.name, source.medium))
            let key = Self.folded(source.name)
            if canonicalNames[key] == nil { canonicalNames[key] = source.name }
            if mediums[key] == nil || source.medium != .unknown && mediums[key] == .unknown {
                mediums[key] = source.medium
            }
            for domain in source.domains {
                var domain = Substring(HostText.asciiLowercased(domain))
                if domain.hasPrefix("www.") { domain = domain.dropFirst(4) }
                guard !domain.isEmpty else { continue }
                if let slash = domain.firstIndex(of: "/") {
                    var prefix = String(domain[slash...])
                    while prefix.count > 1, prefix.hasSuffix("/") { prefix.removeLast() }
                    if prefix == "/" {
                        if hosts[HostKey(domain[..<slash])] == nil { hosts[HostKey(domain[..<slash])] = index }
                    } else {
                        pathRules[HostKey(domain[..<slash]), default: []].append(
                            PathRule(prefix: prefix, source: index))
                    }
                } else if hosts[HostKey(domain)] == nil {
                    hosts[HostKey(domain)] = index
                }
            }
        }
        for (host, rules) in pathRules {
            pathRules[host] = rules.sorted { $0.prefix.utf8.count > $1.prefix.utf8.count }
        }
        for (key, name) in custom {
            canonicalNames[key] = name
            canonicalNames[Self.folded(name)] = name
        }
        tables = Tables(
            sources: sources, hosts: hosts, pathRules: pathRules, custom: custom, canonicalNames: canonicalNames,
            mediums: mediums)
    }

    package func knownName(host: String) -> String? {
        knownSource(host: host, path: "")?.name
    }

    /// The known source of a referrer host (www-stripped; `android-app://` prefix kept): an exact
    /// custom-source host first, then the host and each parent domain, longest first, where a
    /// domain with a matching path prefix (`google.com/imgres` for path `/imgres?…`) beats the bare one.
    package func knownSource(host: String, path: String) -> (name: String, medium: ReferrerMedium?)? {
        guard !host.isEmpty else { return nil }
        let tables = tables
        let host = HostText.asciiLowercased(host)
        if let name = tables.custom[host] { return (name, tables.mediums[Self.folded(name)]) }
        let start = host.hasPrefix("android-app://") ? 14 : 0
        let index: Int? = HostText.firstSuffix(of: host, fromOffset: start) { suffix in
            let key = HostKey(suffix)
            if !path.isEmpty, let rules = tables.pathRules[key],
                let rule = rules.first(where: { path.hasPrefix($0.prefix) })
            {
                return rule.source
            }
            return tables.hosts[key]
        }
        return index.map { (tables.sources[$0].name, tables.sources[$0].medium) }
    }

    package func canonical(_ candidate: String) -> String {
        tables.canonicalNames[Self.folded(candidate)] ?? candidate
    }

    /// The medium of a source name (any case): `Google` → `.search`, `Gmail` → `.email`.
    package func medium(ofSource name: String) -> ReferrerMedium? {
        tables.mediums[Self.folded(name)]
    }

    /// Lower case as Plausible's `String.downcase`: ASCII without a Unicode pass when it suffices.
    static func folded(_ text: String) -> String {
        HostText.withBytes(of: text) { $0.allSatisfy { $0 < 0x80 } }
            ? HostText.asciiLowercased(text) : text.lowercased()
    }
}
