/// Why an accepted request's event was not stored. Spelled as Plausible spells them (spec §5).
package enum DropReason: String, Error, Sendable, CaseIterable {
    case bot
    case spamReferrer = "spam_referrer"
    case notFound = "not_found"
    case throttle
    case invalid
    case dcIP = "dc_ip"
    case threatIP = "threat_ip"
    case siteIPBlocklist = "site_ip_blocklist"
    case siteCountryBlocklist = "site_country_blocklist"
    case sitePageBlocklist = "site_page_blocklist"
    case siteHostnameAllowlist = "site_hostname_allowlist"
    case noSessionForEngagement = "no_session_for_engagement"
}
