import PerchCore

/// Where a visit came from (spec §4.2–§4.3): the `referrer` column, `referrer_source`, UTM
/// columns, `click_id_param` and the `(gclid)`/`(msclkid)` medium inference.
package struct Acquisition: Sendable, Hashable {
    package var attributes: VisitAttributes
    /// The referrer URL's host without a leading `www.`, whether or not it is a valid referral.
    package var referrerHost: String?

    /// - Parameters:
    ///   - pageHost: the page URL's raw host.
    ///   - referrer: the `r`/`referrer` string, already truncated to 2000 characters.
    ///   - query: the page URL's decoded query.
    ///   - sources: names known referrer hosts and canonicalises tagged sources.
    package init(pageHost: String?, referrer: String?, query: FormParameters, sources: any ReferrerSourceNaming) {
        var attributes = VisitAttributes()
        let referrerURL = referrer.map { PageURL($0.trimmingWhitespace) }
        var bareHost: String?
        if let host = referrerURL?.host, !host.isEmpty { bareHost = host.withoutWWW }
        referrerHost = bareHost

        // A valid referral's host as the columns show it: www-stripped, `android-app://` kept.
        var referral: (url: PageURL, host: String, shown: String)?
        if let referrerURL, let host = referrerURL.host, let bareHost, Self.isReferralScheme(referrerURL.scheme),
            host != "localhost", !Self.isSameSite(bareHost, pageHost: pageHost)
        {
            let shown = referrerURL.scheme == "android-app" ? "android-app://" + bareHost : bareHost
            referral = (referrerURL, host, shown)
            attributes.referrer = shown + Self.withoutTrailingSlashes(referrerURL.path ?? "")
        }

        let tagged = TaggedQuery(query)
        let taggedSource = tagged.utmSource ?? tagged.source ?? tagged.ref
        var source: String?
        if let taggedSource {
            source = taggedSource
        } else if let referral {
            let hostKey = referral.url.scheme == "android-app" ? "android-app://" + referral.host : referral.host
            source = sources.knownName(host: hostKey) ?? referral.shown
        }
        attributes.referrerSource = source.map(sources.canonical) ?? ""

        attributes.utmSource = taggedSource ?? ""
        attributes.utmCampaign = tagged.utmCampaign ?? ""
        attributes.utmContent = tagged.utmContent ?? ""
        attributes.utmTerm = tagged.utmTerm ?? ""
        attributes.clickIDParam = tagged.clickIDParam
        if let medium = tagged.utmMedium {
            attributes.utmMedium = medium
        } else if attributes.referrerSource == "Google" && attributes.clickIDParam == "gclid" {
            attributes.utmMedium = "(gclid)"
        } else if attributes.referrerSource == "Bing" && attributes.clickIDParam == "msclkid" {
            attributes.utmMedium = "(msclkid)"
        }
        self.attributes = attributes
    }

    /// Only web and Android app referrers are referrals (the scheme is already lowercased).
    private static func isReferralScheme(_ scheme: String?) -> Bool {
        switch scheme {
        case "http"?, "https"?, "android-app"?: return true
        default: return false
        }
    }

    /// The page's own host (both without one leading `www.`): an internal link, not a referral.
    private static func isSameSite(_ bareHost: String, pageHost: String?) -> Bool {
        guard let pageHost else { return bareHost.isEmpty }
        return pageHost.hasPrefix("www.") ? pageHost.dropFirst(4) == bareHost : pageHost == bareHost
    }

    /// `path` without its trailing `/` characters (the referrer column drops them). Found on the
    /// bytes, unless a non-ASCII character precedes the slashes: a prepended mark such as U+0600
    /// makes `؀/` one character, which is not a `/`, so there the characters are compared.
    private static func withoutTrailingSlashes(_ path: String) -> Substring {
        let utf8 = path.utf8
        var end = utf8.endIndex
        while end > utf8.startIndex {
            let before = utf8.index(before: end)
            guard utf8[before] == UInt8(ascii: "/") else {
                if utf8[before] >= 0x80 { return slowlyWithoutTrailingSlashes(path) }
                break
            }
            end = before
        }
        return path[..<end]
    }

    private static func slowlyWithoutTrailingSlashes(_ path: String) -> Substring {
        var trimmed = path[...]
        while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        return trimmed
    }
}
