extension SpamReferrerList {
    /// The most notorious referrer-spam hosts, so a fresh install without a downloaded list still
    /// drops the worst of it; the full Matomo list replaces it once installed.
    package static let builtIn = SpamReferrerList(hosts: builtInHosts)

    private static let builtInHosts = [
        "100dollars-seo.com", "1-best-seo.com", "4webmasters.org", "7makemoneyonline.com",
        "best-seo-offer.com", "best-seo-solution.com", "bestwebsitesawards.com", "blackhatworth.com",
        "buttons-for-website.com", "buttons-for-your-website.com", "buy-cheap-online.info", "cenokos.ru",
        "cenoval.ru", "darodar.com", "econom.co", "event-tracking.com", "floating-share-buttons.com",
        "free-floating-buttons.com", "free-share-buttons.com", "free-social-buttons.com",
        "get-free-traffic-now.com", "googlsucks.com", "guardlink.org", "hulfingtonpost.com",
        "humanorightswatch.org", "ilovevitaly.com", "ilovevitaly.ru", "kambasoft.com", "o-o-6-o-o.com",
        "o-o-8-o-o.com", "priceg.com", "rank-checker.online", "savetubevideo.com", "screentoolkit.com",
        "semalt.com", "simple-share-buttons.com", "site-auditor.online", "sitevaluation.org",
        "social-buttons.com", "success-seo.com", "theguardlan.com", "traffic2cash.xyz", "traffic2money.com",
        "trafficmonetize.org", "trafficmonetizer.org", "videos-for-your-business.com", "webmonetizer.net",
    ]
}
