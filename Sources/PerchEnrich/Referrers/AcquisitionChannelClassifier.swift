/// The acquisition channel of a visit (spec §4.4), as Plausible's ClickHouse `acquisition_channel`
/// function computes it: inputs lowercased (ASCII, like ClickHouse's `lower`), first matching rule
/// wins, in the SQL's order. The regexes are plain string checks.
package struct AcquisitionChannelClassifier: Sendable {
    private let categories: [String: SourceCategory]
    private let sources: ReferrerSourceTable?

    /// - Parameter sources: when given, a source the category table does not know takes its
    ///   category from its referer-parser medium (search, social, email) — an addition to Plausible,
    ///   which leaves such sources to `Referral`.
    package init(sources: ReferrerSourceTable? = nil) {
        categories = SourceCategory.table
        self.sources = sources
    }

    package func channel(
        referrerSource: String, utmMedium: String, utmCampaign: String, utmSource: String, clickIDParam: String
    ) -> String {
        let source = HostText.asciiLowercased(referrerSource)
        let medium = HostText.asciiLowercased(utmMedium)
        let campaign = HostText.asciiLowercased(utmCampaign)
        let tagged = HostText.asciiLowercased(utmSource)
        let category = self.category(of: source)
        let paidMedium = Self.isPaidMedium(medium)
        let paidSource = !tagged.isEmpty && PlausibleCustomSources.paidSources.contains(tagged)
        let shoppingCampaign = Self.isShoppingCampaign(campaign)

        if HostText.contains(campaign, "cross-network") { return "Cross-network" }
        if !medium.isEmpty, Self.displayMediums.contains(medium) { return "Display" }
        if paidMedium && (category == .shopping || shoppingCampaign) { return "Paid Shopping" }
        if category == .search && (paidMedium || paidSource) || source == "google" && clickIDParam == "gclid"
            || source == "bing" && clickIDParam == "msclkid"
        {
            return "Paid Search"
        }
        if category == .social && (paidMedium || paidSource) { return "Paid Social" }
        if category == .video && (paidMedium || paidSource) { return "Paid Video" }
        if paidMedium { return "Paid Other" }
        if category == .shopping || shoppingCampaign { return "Organic Shopping" }
        if category == .social || !medium.isEmpty && Self.socialMediums.contains(medium) { return "Organic Social" }
        if category == .video || HostText.contains(medium, "video") { return "Organic Video" }
        if category == .search { return "Organic Search" }
        if category == .email || Self.mentionsEmail(tagged) || Self.mentionsEmail(medium) { return "Email" }
        if medium == "affiliate" { return "Affiliates" }
        if medium == "audio" { return "Audio" }
        if tagged == "sms" || medium == "sms" { return "SMS" }
        if medium.hasSuffix("push") || HostText.contains(medium, "mobile") || HostText.contains(medium, "notification")
            || source == "firebase"
        {
            return "Mobile Push Notifications"
        }
        if !source.isEmpty || Self.referralMediums.contains(medium) { return "Referral" }
        return "Direct"
    }

    /// The category of a lowercased source name: the GA4 table, else the referer-parser medium.
    package func category(of source: String) -> SourceCategory? {
        guard !source.isEmpty else { return nil }
        if let category = categories[source] { return category }
        switch sources?.medium(ofSource: source) {
        case .search: return .search
        case .social: return .social
        case .email: return .email
        case .paid, .unknown, nil: return nil
        }
    }

    private static let displayMediums: Set<String> = ["display", "banner", "expandable", "interstitial", "cpm"]
    private static let socialMediums: Set<String> = [
        "social", "social-network", "social-media", "sm", "social network", "social media",
    ]
    private static let referralMediums: Set<String> = ["referral", "app", "link"]

    /// `^(.*cp.*|ppc|retargeting|paid.*)$`
    static func isPaidMedium(_ medium: String) -> Bool {
        HostText.contains(medium, "cp") || medium == "ppc" || medium == "retargeting" || medium.hasPrefix("paid")
    }

    /// `^(.*(([^a-df-z]|^)shop|shopping).*)$`: `shopping` anywhere, or `shop` at the start or after
    /// a byte that is not a lowercase letter other than `e`.
    static func isShoppingCampaign(_ campaign: String) -> Bool {
        guard campaign.utf8.count >= 4 else { return false }
        if HostText.contains(campaign, "shopping") { return true }
        var campaign = campaign
        return campaign.withUTF8 { bytes in
            for start in 0...(bytes.count - 4)
            where bytes[start] == UInt8(ascii: "s") && bytes[start + 1] == UInt8(ascii: "h")
                && bytes[start + 2] == UInt8(ascii: "o") && bytes[start + 3] == UInt8(ascii: "p")
            {
                guard start > 0 else { return true }
                let previous = bytes[start - 1]
                if previous < UInt8(ascii: "a") || previous > UInt8(ascii: "z") || previous == UInt8(ascii: "e") {
                    return true
                }
            }
            return false
        }
    }

    /// `e[-_ ]?mail|newsletter` anywhere.
    static func mentionsEmail(_ text: String) -> Bool {
        HostText.contains(text, "email") || HostText.contains(text, "e-mail") || HostText.contains(text, "e_mail")
            || HostText.contains(text, "e mail") || HostText.contains(text, "newsletter")
    }
}
