/// The kind of referrer snowplow's referer-parser files a source under (the top-level keys of
/// `referers-latest.json`); the acquisition channel uses it when the source-category table is silent.
package enum ReferrerMedium: String, Sendable, Hashable, CaseIterable {
    case search
    case social
    case email
    case paid
    case unknown

    /// When a host or a name appears under several mediums, the more telling one wins.
    var precedence: Int {
        switch self {
        case .search: 0
        case .social: 1
        case .email: 2
        case .paid: 3
        case .unknown: 4
        }
    }
}
