import PerchIngest

/// What visitor `n`'s `round`-th request looks like, after `../shared/bench/events.lua` (the load
/// harness's mix) without its bots: one of 20 sites, 10 browsers, 10 pages with and without
/// campaign parameters, and referrers. A first visit (round 0) is a pageview; later rounds are
/// 80 % pageviews, 12 % custom events with props, 5 % engagement and 3 % purchases.
/// The same visitor always has the same site, browser and address, so the same visitor id.
enum TrafficMix {
    static let siteCount = 20

    static func request(visitor: Int, round: Int) -> IngestRequest {
        let site = "bench-\(1 + visitor % siteCount).test"
        let seed = visitor &* 31 &+ round &* 7
        let url = "https://\(site)\(pages[seed % pages.count])\(queries[(seed / 3) % queries.count])"
        let body: String
        switch round == 0 ? 0 : seed % 100 {
        case ..<80:
            body = #"{"n":"pageview","u":"\#(url)","d":"\#(site)","r":\#(referrers[seed % referrers.count])}"#
        case ..<92:
            body = #"{"n":"Signup","u":"\#(url)","d":"\#(site)","r":null,"p":{"plan":"pro","method":"email"}}"#
        case ..<97:
            body = #"{"n":"engagement","u":"\#(url)","d":"\#(site)","sd":\#(seed % 101),"e":\#(100 + seed % 60_000)}"#
        default:
            let amount = "\(1 + seed % 500).99"
            body = #"{"n":"Purchase","u":"\#(url)","d":"\#(site)","$":{"amount":"\#(amount)","currency":"USD"}}"#
        }
        return IngestRequest(
            body: Array(body.utf8),
            contentType: "text/plain",
            userAgent: agents[(visitor / siteCount) % agents.count],
            clientIP: address(visitor)
        )
    }

    /// A distinct IPv4 address per visitor below 2^24, in 11.0.0.0/8 (never contacted: it only
    /// feeds the visitor hash).
    private static func address(_ visitor: Int) -> String {
        "11.\((visitor >> 16) & 255).\((visitor >> 8) & 255).\(visitor & 255)"
    }

    private static let agents = [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) "
            + "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) "
            + "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) "
            + "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) "
            + "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.81 Mobile Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) "
            + "Gecko/20100101 Firefox/133.0",
        "Mozilla/5.0 (X11; Linux x86_64) "
            + "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) "
            + "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
        "Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) "
            + "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 13; SM-S918B) "
            + "AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) "
            + "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 OPR/115.0.0.0",
    ]
    private static let pages = [
        "/", "/pricing", "/blog/", "/blog/swift-on-the-server", "/docs/getting-started", "/docs/api#events", "/about",
        "/careers", "/contact", "/changelog",
    ]
    private static let queries = [
        "", "", "", "?utm_source=newsletter&utm_medium=email&utm_campaign=nov", "?ref=producthunt", "?gclid=abc123",
    ]
    private static let referrers = [
        "null", #""https://www.google.com/""#, #""https://news.ycombinator.com/""#, #""https://t.co/abc""#,
        #""https://duckduckgo.com/""#, "null", "null",
    ]
}
