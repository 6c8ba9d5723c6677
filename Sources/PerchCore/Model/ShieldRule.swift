/// One per-site shield rule (spec §7.2): an IP address or CIDR block, a country, or a page pattern
/// that blocks events, or a hostname pattern that events must match. `value` is the normalised
/// text a rule is stored and compared in (see `ShieldRuleParser` in PerchIngest).
package struct ShieldRule: Sendable, Hashable {
    /// What a rule matches, with Plausible's limits on how many a site may have.
    package enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Block list of client IPs: an address or a CIDR block.
        case ip
        /// Block list of ISO 3166-1 alpha-2 countries, uppercased.
        case country
        /// Block list of pathname globs starting with `/`.
        case page
        /// Allow list of hostname globs; with none, every hostname is allowed.
        case hostname

        /// The most rules of this kind one site may have.
        package var maxRules: Int {
            self == .hostname ? 10 : 30
        }

        /// The longest page or hostname pattern accepted.
        package static let maxPatternLength = 250
    }

    package var kind: Kind
    package var value: String

    package init(kind: Kind, value: String) {
        self.kind = kind
        self.value = value
    }

    /// Whether the two rules match exactly the same requests, so a site holding one must refuse
    /// the other as a duplicate. Plausible compiles `*` and `**` alike to `.*` and keys rules by
    /// the compiled pattern, so `/test/*` and `/test/**` are one rule there; Perch's globs read any
    /// run of stars as one wildcard, so star runs of any length are collapsed before comparing.
    package func isEquivalent(to other: ShieldRule) -> Bool {
        kind == other.kind && equivalenceKey == other.equivalenceKey
    }

    private var equivalenceKey: String {
        guard kind == .page || kind == .hostname else { return value }
        var key = ""
        key.reserveCapacity(value.utf8.count)
        for character in value where character != "*" || key.last != "*" {
            key.append(character)
        }
        return key
    }
}
