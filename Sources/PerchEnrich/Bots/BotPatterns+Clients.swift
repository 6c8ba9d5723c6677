// HTTP libraries and service agents. Notation: see `BotPattern`.
extension BotPatterns {
    /// HTTP client libraries, command-line fetchers and site copiers.
    static var httpClients: [String] {
        [
            "|curl/", "^curl", "|php-curl", "|wget/", "^wget", "|python-requests", "|python-urllib", "|python-httpx",
            "|python/3", "|python/2", "|aiohttp", "|httpx/", "|urllib3", "|pycurl", "|httplib2", "|go-http-client",
            "|go http package", "|fasthttp", "|java:", "|jakarta commons", "|apache-httpclient",
            "|apache-httpasyncclient", "|httpurlconnection", "|google-http-java-client", "|jersey/", "|jetty",
            "|libwww-perl", "|lwp-", "|lwp::", "|www-mechanize", "|http::tiny", "|http-tiny", "|mojolicious",
            "|axios/", "|node-fetch", "|undici", "|node-superagent", "|superagent/", "|got/", "|sindresorhus",
            "|request-promise", "|node.js/", "|deno/", "|bun/", "|ruby/", "|ruby,", "|faraday", "|httparty",
            "|rest-client", "|http.rb", "|typhoeus", "|excon", "|guzzlehttp", "|guzzle", "|php/", "|symfony",
            "|laravel", "|wordpress/", "|wininet", "|microsoft url control", "|reqwest", "|hyper/", "|isahc",
            "|ureq", "|postmanruntime", "|insomnia", "|httpie", "powershell/", "|libsoup", "|indy library",
            "|anyevent", "|pcore-http", "|ahc/", "|asynchttpclient", "|customasynchttpclient", "|http_get",
            "|http client", "|http%20client", "|colly", "|httrack", "|webcopier", "|webzip", "|sitesucker",
            "|cyotekwebcopy", "|download ninja", "|download demon", "|offline explorer", "|teleport pro",
            "|webstripper", "|grub-client", "|emailwolf", "|email exractor", "|email extractor", "|emailcollector",
            "|emailsiphon", "^okhttp", "^java/", "^java ",
        ]
    }

    /// Webhooks, SaaS back-ends and archives fetching pages on their own; analytics services'
    /// installation checkers (Plausible's own verification agent, as Plausible drops it).
    static var serviceAgents: [String] {
        [
            "|webhook", "|-webhooks", "|zapier", "|ifttt", "|integromat", "|make/", "|retool", "|stripe/",
            "|paypal/", "|paypal ipn", "|trustly", "|gopay", "|mollie", "|sendgrid", "|sparkpost", "|mailchimp",
            "|klaviyo", "|omnisend", "|buttondown", "|recurly", "|shopify-captain-hook", "|svix", "|snipcart",
            "|stape/", "|zendesk webhook", "|salesforce.com", "|sfdc-callout", "|hubspot ", "|asana/", "|workona",
            "|github-camo", "|camo asset proxy", "|bitbucket", "|gitlab", "|jumio", "|iubenda", "|onetrust",
            "|cookiebot", "|cookiehub", "|cookie-maestro", "|termly", "|legalmonster", "|channable",
            "|datafeedwatch", "|sparkshipping", "|bling erp", "|blingerp", "|webflow", "|reelevant", "|noibu",
            "|hotjar", "|crazy egg", "|mediavine", "|scope3", "|pixalate", "|ttd-content", "|the trade desk",
            "|doubleverify", "|integral ad", "|adauth", "|adreview", "|bidtellect", "|dataxu", "|roi hunter",
            "|innologica", "|novellum", "^determ$", "|determ/", "|authory", "|goodreads", "|allafrica", "|upday/",
            "|newsnow", "|nytimes", "|nyt_scraping", "|new york times", "|library of congress", "|loc.gov",
            "|archive.org", "|archive-it", "|archivebox", "|nlnz_iaharvester", "|mirrorweb", "|webarchiv",
            "|wayback", "|plausible verification agent", "|plausible community edition", "|verification agent",
        ]
    }
}
