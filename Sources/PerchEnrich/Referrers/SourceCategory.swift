/// The category of a source name for the acquisition channel (spec §4.4): Google's GA4 source
/// categories (`priv/ga4-source-categories.csv` in Plausible) plus Plausible's overrides, keyed by
/// the lowercased `referrer_source`.
package enum SourceCategory: Sendable, Hashable {
    case search
    case social
    case video
    case shopping
    case email

    /// Lowercased source name → category.
    static let table: [String: SourceCategory] = {
        var table: [String: SourceCategory] = [:]
        func add(_ names: String, _ category: SourceCategory) {
            for token in names.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
                // `name(.com)` stands for the bare name and its `.com` domain, as the CSV lists both.
                if token.hasSuffix("(.com)") {
                    let bare = String(token.dropLast(6))
                    table[bare] = category
                    table[bare + ".com"] = category
                } else {
                    table[String(token)] = category
                }
            }
        }
        add(searchNames, .search)
        add(socialNames, .social)
        add(videoNames, .video)
        add(shoppingNames, .shopping)
        for country in yahooSearchCountries.split(separator: " ") { table["\(country).search.yahoo.com"] = .search }
        for (name, category) in spacedNames { table[name] = category }
        for (name, category) in overrides where table[name] == nil { table[name] = category }
        return table
    }()

    /// Plausible's own additions (acquisition.ex); the GA4 list wins where both name a source.
    private static let overrides: [(String, SourceCategory)] = [
        ("hacker news", .social), ("yahoo!", .search), ("gmail", .email), ("telegram", .social), ("slack", .social),
        ("producthunt", .social), ("github", .social), ("steamcommunity.com", .social),
        ("statics.teams.cdn.office.net", .social), ("vkontakte", .social), ("threads", .social),
        ("ecosia", .search), ("perplexity", .search), ("brave", .search), ("chatgpt.com", .search),
        ("temu.com", .shopping), ("discord", .social), ("sogou", .search), ("microsoft teams", .social),
    ]

    private static let spacedNames: [(String, SourceCategory)] = [("google shopping", .shopping)]

    private static let yahooSearchCountries = """
        ar at au br ca ch cl co de dk es espanol fi fr hk id in it malaysia mx nl no nz pe ph pl se sg th tr tw \
        uk us vn
        """

    private static let searchNames = """
        360.cn alice aol ask auone avg babylon baidu biglobe biglobe.co.jp biglobe.ne.jp bing centrum.cz cn.bing.com
        cnn comcast conduit daum daum.net dogpile dogpile.com duckduckgo ecosia.org email.seznam.cz eniro exalead.com
        excite.com firmy.cz globo go.mail.ru google google-play incredimail kvasir lens.google.com lite.qwant.com lycos
        m.baidu.com m.naver.com m.search.naver.com m.sogou.com mail.rambler.ru mail.yandex.ru msn msn.com najdi naver
        naver.com news.google.com ntp.msn.com onet onet.pl play.google.com qwant qwant.com rakuten rakuten.co.jp
        rambler rambler.ru search-results search.aol.co.uk search.aol.com search.google.com search.smt.docomo.ne.jp
        search.ukr.net secureurl.ukr.net seznam seznam.cz so.com sogou sogou.com sp-web.search.auone.jp startsiden
        startsiden.no suche.aol.de terra tut.by ukr virgilio wap.sogou.com webmaster.yandex.ru websearch.rakuten.co.jp
        yahoo yahoo.co.jp yahoo.com yandex yandex.by yandex.com yandex.com.tr yandex.fr yandex.kz yandex.ru yandex.ua
        yandex.uz zen.yandex.ru
        """

    private static let shoppingNames = """
        igshopping aax-us-east.amazon-adsystem.com aax.amazon-adsystem.com alibaba alibaba.com amazon amazon.co.uk
        amazon.com apps.shopify.com checkout.shopify.com checkout.stripe.com cr.shopping.naver.com
        cr2.shopping.naver.com ebay ebay.co.uk ebay.com ebay.com.au ebay.de etsy etsy.com m.alibaba.com
        m.shopping.naver.com mercadolibre mercadolibre.com mercadolibre.com.ar mercadolibre.com.mx message.alibaba.com
        msearch.shopping.naver.com nl.shopping.net no.shopping.net offer.alibaba.com one.walmart.com
        order.shopping.yahoo.co.jp partners.shopify.com s3.amazonaws.com se.shopping.net shop.app shopify shopify.com
        shopping.naver.com shopping.yahoo.co.jp shopping.yahoo.com shopzilla shopzilla.com simplycodes.com
        store.shopping.yahoo.co.jp stripe stripe.com uk.shopping.net walmart walmart.com
        """

    private static let videoNames = """
        blog.twitch.tv crackle(.com) curiositystream(.com) d.tube dailymotion(.com) dashboard.twitch.tv
        disneyplus(.com) fast.wistia.net help.hulu.com help.netflix.com hulu(.com) id.twitch.tv iq.com iqiyi(.com)
        jobs.netflix.com justin.tv m.twitch.tv m.youtube.com music.youtube.com netflix(.com) player.twitch.tv
        player.vimeo.com ted(.com) twitch twitch.tv utreon(.com) veoh(.com) viadeo.journaldunet.com vimeo(.com)
        wistia(.com) youku(.com) youtube(.com)
        """
}
