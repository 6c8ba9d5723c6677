// Search engines, social networks and link previews. Notation: see `BotPattern`.
extension BotPatterns {
    /// Web search engines, their verticals and ad/verification fetchers.
    static var searchEngines: [String] {
        [
            "-google", "google-", "|googlebot", "|googleother", "|google favicon", "|google web preview",
            "|google page speed", "|googledocs", "|google-site-verification", "|googleproducer",
            "|googleassociationservice", "|googlestackdrivermonitoring", "|google-structured-data",
            "|google search console", "|google-cloudvertexbot", "|apis-google", "|mediapartners", "|feedfetcher",
            "|storebot", "|duplexweb", "|bingpreview", "|msnbot", "|bingbot", "|adidxbot", "|microsoftpreview",
            "|slurp", "yahoo! slurp", "|yahoocachesystem", "|yahoo ad monitoring", "|yahoo link preview",
            "|yahooseeker", "|y!j-", "|baiduspider", "|baidu-yunguance", "|yisouspider", "|360spider",
            "|haosouspider", "|bytespider", "|petalbot", "|applebot", "|duckduckbot", "|duckassistbot",
            "|ia_archiver", "|ask jeeves", "|teoma", "|gigablast", "|exabot", "|naverbot", "|yeti/", "|daum/",
            "|daumoa", "|daum 4", "|coccoc", "|seznamemailproxy", "|seznam-zbozi", "|qwantify", "|qwantbot",
            "|mojeek", "|ichiro/", "|goo.ne.jp", "|bubing", "|heritrix", "|nutch", "|larbin", "|htdig", "|findlink",
            "|marginalia", "|presearch", "|swisscows", "|mail.ru", "|neevabot", "|yacybot", "|scrubby",
            "|searchexpress", "|wepchsearchengine", "|funnelback", "|panscient", "|scooter/", "|inktomi",
            "|mnogosearch", "|vagabondo", "|catexplorador", "|tarmot", "|pompos", "|biglotron", "|ezooms", "|gezgin",
            "yandex.com/bots", "yandex.ru/bots", "|yandexbot", "|yandexmetrika", "|yandeximages",
            "|yandeximageresizer", "|yandexnews", "|yandexfavicons", "|yandexdirect", "|yandexmarket",
            "|yandexmedia", "|yandexsitelinks", "|yandexvertis", "|yandexverticals", "|yandexvideo",
            "|yandexwebmaster", "|yandexturbo", "|yandextracker", "|yandexrca", "|yandexpartner", "|yandexontodb",
            "|yandexsearchshop", "|yandexadnet", "|yandexcalendar", "|yandexfordomain", "|yandexblogs",
            "|yandexuserproxy", "|yandexpagechecker", "|yandexaccessibility", "|yandexadditional", "|yandexsprav",
            "|yandexscreenshot", "|yandexmobile", "|yandexrender", "|yandexdialogs", "|yandexcatalog",
            "|yandexcommerce", "|yandexzakladki", "|yandex.gazeta", "|sogou web", "|sogou inst", "|sogou pic",
            "|sogou head", "|sogou orion", "|sogou news", "|sogou-test", "|sogou push", "|sogou spider",
        ]
    }

    /// Social networks, messengers and link-preview (unfurl) fetchers.
    static var socialAndPreviews: [String] {
        [
            "|facebookexternalhit", "|facebookexternalua", "|facebookplatform", "|facebookcatalog", "|meta-external",
            "|metainspector", "|twitterbot", "|linkedinbot", "|pinterestbot", "|slackbot", "|slack-imgproxy",
            "|discordbot", "|telegrambot", "|skypeuripreview", "|skype uri preview", "|vkshare", "|tumblr/",
            "|embedly", "|iframely", "|quora link preview", "|redditbot", "|mastodon/", "|pleroma", "|misskey",
            "|akkoma", "|friendica", "|gotosocial", "|lemmy", "|bluesky", "|cardyb", "|snapurlpreview",
            "|linkpreview", "|chatwork", "|clickuplinkunfurler", "|orlo-linkpreview", "|page-preview-tool",
            "|opengraph.io", "|python-opengraph", "|nuzzel", "|outbrain", "|tweetedtimes", "|twurly",
            "|flipboardproxy", "|hatena-favicon", "|hatena::", "|hatena antenna", "|line-poker", "|kakaotalk-scrap",
            "|microsoft office existence", "|ms office", "|skypeuri", "livejournal.com", "|pinterest/0.",
            "|viberurldownloader", "|flipboardrss", "|newsgatoronline", "|podchaserparser",
        ]
    }
}
