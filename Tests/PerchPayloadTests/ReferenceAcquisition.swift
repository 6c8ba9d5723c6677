import PerchCore

@testable import PerchPayload

/// `Acquisition` as it was before it read the query in one pass (`TaggedQuery`) and trimmed the
/// referrer path on its bytes: kept verbatim as the oracle `AcquisitionEquivalenceTests` compares
/// the current one with.
struct ReferenceAcquisition {
    var attributes: VisitAttributes
    /// The referrer URL's host without a leading `www.`, whether or not it is a valid referral.
    var referrerHost: String?

    private static let clickIDs = ["gclid", "gbraid", "wbraid", "msclkid", "fbclid", "twclid"]

    /// - Parameters:
    ///   - pageHost: the page URL's raw host.
    ///   - referrer: the `r`/`referrer` string, already truncated to 2000 characters.
    ///   - query: the page URL's decoded query.
    ///   - sources: names known referrer hosts and canonicalises tagged sources.
    init(pageHost: String?, referrer: String?, query: FormParameters, sources: any ReferrerSourceNaming) {
        var attributes = VisitAttributes()
        let referrerURL = referrer.map { PageURL($0.trimmingWhitespace) }
        referrerHost = referrerURL?.host.flatMap { $0.isEmpty ? nil : $0.withoutWWW }

        var validReferral: PageURL?
        if let referrerURL, let host = referrerURL.host, !host.isEmpty,
            ["http", "https", "android-app"].contains(referrerURL.scheme ?? ""),
            host != "localhost", host.withoutWWW != (pageHost ?? "").withoutWWW
        {
            validReferral = referrerURL
            attributes.referrer = Self.referrerText(referrerURL, host: host)
        }

        let taggedSource = query["utm_source"] ?? query["source"] ?? query["ref"]
        var source: String?
        if let taggedSource {
            source = taggedSource
        } else if let validReferral, let host = validReferral.host {
            let hostKey = validReferral.scheme == "android-app" ? "android-app://" + host : host
            source = sources.knownName(host: hostKey) ?? Self.prefixed(validReferral, host.withoutWWW)
        }
        attributes.referrerSource = source.map(sources.canonical) ?? ""

        attributes.utmSource = taggedSource ?? ""
        attributes.utmCampaign = query["utm_campaign"] ?? ""
        attributes.utmContent = query["utm_content"] ?? ""
        attributes.utmTerm = query["utm_term"] ?? ""
        attributes.clickIDParam = Self.clickIDs.first { query[$0] != nil } ?? ""
        if let medium = query["utm_medium"] {
            attributes.utmMedium = medium
        } else if attributes.referrerSource == "Google" && attributes.clickIDParam == "gclid" {
            attributes.utmMedium = "(gclid)"
        } else if attributes.referrerSource == "Bing" && attributes.clickIDParam == "msclkid" {
            attributes.utmMedium = "(msclkid)"
        }
        self.attributes = attributes
    }

    /// `host + path` without a trailing `/`, query and fragment dropped.
    private static func referrerText(_ url: PageURL, host: String) -> String {
        var path = (url.path ?? "")[...]
        while path.hasSuffix("/") { path = path.dropLast() }
        return prefixed(url, host.withoutWWW) + path
    }

    private static func prefixed(_ url: PageURL, _ host: String) -> String {
        url.scheme == "android-app" ? "android-app://" + host : host
    }
}
