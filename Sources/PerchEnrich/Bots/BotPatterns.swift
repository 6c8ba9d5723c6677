/// The detector's needle tables. Generic keywords first (they catch most bots, which name
/// themselves `…bot`, `…crawler`, `…spider`), then named bots, tools and libraries by family in
/// `BotPatterns+*.swift`, written in `BotPattern`'s compact notation.
///
/// The generic keywords follow the semantics of Matomo device-detector's last-resort rule
/// (a word ending in one of these keywords), with its exceptions for phones named Cubot,
/// the `HuBot`/`Power Bot`/`M Bot` apps and similar, so that no client Matomo knows is dropped.
enum BotPatterns {
    static var all: [BotPattern] {
        let named =
            searchEngines + socialAndPreviews + seoAndFeeds + aiCrawlers + monitorsAndScanners
            + automation + httpClients + serviceAgents + structural + longTail
        return generic + named.map(BotPattern.init)
    }

    static var generic: [BotPattern] {
        let fiftySomething = (0...9).flatMap { digit in [" 5\(digit)", "_5\(digit)", "5\(digit)"] }
        return [
            .keyword(
                "bot", notBefore: ["cu", "hu", "power ", "power_", "m ", "m_"],
                notAfter: [" tab", "_tab", " senior", "_senior", "senior", " junior", "_junior", "junior"]
                    + fiftySomething
            ),
            .keyword("analyzer"), .keyword("appengine"), .keyword("archive"), .keyword("archiver"),
            .keyword("check"), .keyword("checker"), .keyword("collector"), .keyword("crawl"), .keyword("crawler"),
            .keyword("fetch", notBefore: ["node-", "uclient-", "electron-"]),
            .keyword("fetcher", notBefore: ["node-", "uclient-", "electron-"]),
            .keyword("grabber", notBefore: ["url"]), .keyword("indexer"), .keyword("inspector"),
            .keyword("lookup"), .keyword("monitor"), BotPattern(needle: "parser", anchoredStart: true, wordEnd: true),
            .keyword("probe"), .keyword("project", notBefore: ["microsoft ", "banshee-"], notAfter: ["or"]),
            .keyword("proxy", notBefore: ["google wap ", "blue ", "speedmode; "]),
            .keyword("research", notBefore: ["p"]), .keyword("resolver"), .keyword("robots"),
            .keyword("scanner", notBefore: ["cam"]), .keyword("scraper"), .keyword("script"), .keyword("searcher"),
            .keyword("security", notBefore: ["-"]), .keyword("spider", notAfter: [" 8"]), .keyword("study"),
            .keyword("transcoder"), .keyword("uptime"), .keyword("useragent"), .keyword("user agent"),
            .keyword("user_agent"), .keyword("user-agent"), .keyword("validator"),
            BotPattern(needle: "-ai/"), BotPattern(needle: "-extended/"), BotPattern(needle: "-user/"),
        ]
    }
}
