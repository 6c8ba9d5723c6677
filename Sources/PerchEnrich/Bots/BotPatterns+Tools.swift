// SEO and marketing tools, feed services and AI crawlers. Notation: see `BotPattern`.
extension BotPatterns {
    /// SEO, marketing and audit tools; screenshot, read-later and feed services.
    static var seoAndFeeds: [String] {
        [
            "|ahrefs", "|semrush", "|mj12bot", "|dotbot", "|rogerbot", "|seokicks", "|siteexplorer", "|megaindex",
            "|serpstat", "|seobility", "|sistrix", "|searchmetrics", "|linkdex", "|lipperhey", "|woorank",
            "|seositecheckup", "|seoptimer", "|sitebulb", "|screaming frog", "|siteimprove", "|contentking",
            "|botify", "|oncrawl", "|deepcrawl", "|lumar", "|brandverity", "|datanyze", "|dataprovider",
            "|builtwith", "|wappalyzer", "|whatcms", "|buzzsumo", "|brandwatch", "|meltwater", "|muckrack",
            "|mixnode", "|infegy", "|sysomos", "|traackr", "|adbeat", "|moatbot", "|proximic", "|grapeshot",
            "|gumgum", "|ias wombles", "|adscanner", "|adsbot", "|pr-cy.ru", "|seolyt", "|marketgoo",
            "|marketingminer", "|morningscore", "|ryowl", "|sindup", "|semantic-visions", "|rsiteauditor",
            "|alexa site audit", "|seo4ajax", "|prerender", "|linkwalker", "|linktiger", "|xenu", "|w3c-checklink",
            "|w3c_", "|w3c-mobileok", "|validator.nu", "|webpagetest", "|ptst/", "|gtmetrix", "|lighthouse",
            "|pagespeed", "|dareboost", "|yellowlab", "|ylt chrome", "|speedcurve", "|debugbear", "|criticalcss",
            "|penthouse", "|onpage", "|zoominfo", "|corporama", "|firmograph", "|leadradar", "|similarweb",
            "|xml sitemaps", "|pro-sitemaps", "|screenshot", "|browsershots", "|url2png", "|webthumbnail",
            "|miniature.io", "|heartrails", "|thumbnail", "|webcapture", "|capture/", "|hypefactors", "|buck/",
            "|turnitin", "|copyscape", "|plagiarism", "|grammarly", "|citoid", "|zotero", "|easybib", "|instapaper",
            "|pocketparser", "|pocketimagecache", "|readability", "|readable/", "|printfriendly", "|pdf24",
            "|trafilatura", "|newspaper/", "|snacktory", "|summify", "|postrank", "|page2rss", "|getprismatic",
            "|ltx71", "|netcraft", "|netvibes", "|inoreader", "|feedly", "|feedbin", "|feedburner", "|feedspot",
            "|feedwind", "|feed wrangler", "|feeder.co", "|feeder /", "|feedflow", "|theoldreader", "|commafeed",
            "|freshrss", "|tiny tiny rss", "|tt-rss", "|miniflux", "|bloglovin", "|bloglines", "|blogtrottr",
            "|blogvault", "|silverreader", "|simplepie", "|magpierss", "|universalfeedparser", "|rss-parser",
            "|rssapi", "|monitorss", "|openrss", "|feedparser", "|sffeedreader", "|specificfeeds", "|kouio",
            "|fever/", "|rivva", "|gregarius", "|overcast/", "|overcast podcast", "|pocketcasts", "|castopod",
            "|chartable", "|prittorrent", "|fedilist", "|fediindex", "|fedineko",
        ]
    }

    /// AI training crawlers, AI search indexers and AI assistants/agents fetching on demand.
    static var aiCrawlers: [String] {
        [
            "|gptbot", "|chatgpt-user", "|oai-searchbot", "|claudebot", "|claude-web", "|claude-user",
            "|claude-searchbot", "|anthropic-ai", "|perplexitybot", "|perplexity-user", "|perplexityuser", "|ccbot",
            "|cohere", "|diffbot", "|omgili", "|timpibot", "|youbot", "|ai2bot", "|amazonbot", "|amzn-",
            "|amazon-bedrock", "|amazonbuyforme", "|amazon kendra", "|amazon cloudfront", "|novaact",
            "|kangaroo bot", "|img2dataset", "|laion-huggingface", "|spawning", "|imagesiftbot", "|scrapy",
            "|firecrawl", "|crawlspace", "|devin/", "|github copilot", "|githubcopilot", "|facebookbot",
            "|meta-externalagent", "|google-extended", "|googleagent", "|google-notebooklm", "|google-gemini",
            "|gemini-deep-research", "|mistralai-user", "|bigsur.ai", "|big sur ai", "gochitchat.ai", "|webzio",
            "|iaskspider", "|phindbot", "|andibot", "|bravebot", "|twinagent", "|trae/", "|anchor browser",
            "|known agent", "|dark visitor",
        ]
    }
}
