/// Why a shield rule was refused; the description is the message the CLI prints.
package enum ShieldError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidIP(String)
    /// A CIDR block with bits set past its prefix; `network` is the block it probably means.
    case hostBitsSet(String, network: String)
    case unknownCountry(String)
    case pageWithoutLeadingSlash(String)
    case emptyPattern(ShieldRule.Kind)
    case patternTooLong(ShieldRule.Kind)
    /// The site already has `ShieldRule.Kind.maxRules` rules of this kind.
    case tooManyRules(ShieldRule.Kind)
    case unknownSite(String)
    /// The site already has this rule, or `existing`, which matches the same requests.
    case duplicateRule(ShieldRule, existing: ShieldRule, domain: String)
    /// `shields remove` of a rule the site does not have.
    case noSuchRule(ShieldRule, domain: String)

    package var description: String {
        switch self {
        case .invalidIP(let text):
            "'\(text)' is not an IPv4 or IPv6 address or CIDR block"
        case .hostBitsSet(let text, let network):
            "'\(text)' has host bits set past its prefix; did you mean \(network)?"
        case .unknownCountry(let text):
            "'\(text)' is not a known ISO 3166-1 alpha-2 country code"
        case .pageWithoutLeadingSlash(let text):
            "page pattern '\(text)' must start with /"
        case .emptyPattern(let kind):
            "\(kind.rawValue) pattern must not be empty"
        case .patternTooLong(let kind):
            "\(kind.rawValue) pattern must be at most \(ShieldRule.Kind.maxPatternLength) characters"
        case .tooManyRules(let kind):
            "a site can have at most \(kind.maxRules) \(kind.rawValue) rules"
        case .unknownSite(let domain):
            "no site \(domain)"
        case .duplicateRule(let rule, let existing, let domain) where rule == existing:
            "\(domain) already has \(rule.kind.rawValue) rule \(rule.value)"
        case .duplicateRule(let rule, let existing, let domain):
            "\(rule.kind.rawValue) rule \(rule.value) is equivalent to \(domain)'s existing rule \(existing.value)"
        case .noSuchRule(let rule, let domain):
            "\(domain) has no \(rule.kind.rawValue) rule \(rule.value)"
        }
    }
}
