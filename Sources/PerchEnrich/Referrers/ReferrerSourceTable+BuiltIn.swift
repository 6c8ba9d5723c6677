extension ReferrerSourceTable {
    /// The most common referrer hosts (search engines with their country domains, social networks,
    /// webmail), named as Plausible's bundled referrer list names them (snowplow's names where that
    /// list does not know the source), overlaid with Plausible's custom sources: what a fresh install
    /// uses until the full `referers-latest.json` is installed.
    package static let builtIn = ReferrerSourceTable(
        sources: builtInTable.map { medium, name, domains in
            Source(name: name, medium: medium, domains: domains.split(separator: " ").map(String.init))
        } + [Source(name: "Google", medium: .search, domains: googleDomains)]
    )

    /// `google.<tld>` for the country domains Google search runs on.
    private static let googleDomains: [String] = {
        let tlds = """
            com ad ae al am as at az ba be bf bg bi bj bs bt by ca cat cd cf cg ch ci cl cm cn co.ao co.bw co.ck \
            co.cr co.id co.il co.in co.jp co.ke co.kr co.ls co.ma co.mz co.nz co.th co.tz co.ug co.uk co.uz co.ve \
            co.vi co.za co.zm co.zw com.af com.ag com.ar com.au com.bd com.bh com.bn com.bo com.br com.bz com.co \
            com.cu com.cy com.do com.ec com.eg com.et com.fj com.gh com.gi com.gt com.hk com.jm com.kh com.kw \
            com.lb com.ly com.mm com.mt com.mx com.my com.na com.ng com.ni com.np com.om com.pa com.pe com.pg \
            com.ph com.pk com.pr com.py com.qa com.sa com.sb com.sg com.sl com.sv com.tj com.tr com.tw com.ua \
            com.uy com.vc com.vn cv cz de dj dk dm dz ee es fi fm fr ga ge gg gl gm gr gy hn hr ht hu ie im iq is \
            it je jo kg ki kz la li lk lt lu lv md me mg mk ml mn ms mu mv mw ne nl no nr nu pl pn ps pt ro rs ru \
            rw sc se sh si sk sm sn so sr st td tg tk tl tm tn to tt vg vu ws
            """
        return tlds.split(separator: " ").map { "google.\($0)" } + ["com.google.android.googlequicksearchbox"]
    }()

    private static let builtInTable: [(ReferrerMedium, String, String)] = [
        // Search engines.
        (.search, "Google News", "news.google.com"),
        (.search, "Google Images", "images.google.com google.com/imgres"),
        (.search, "Bing", "bing.com cn.bing.com"),
        (.search, "Yahoo!", "search.yahoo.com yahoo.com search.yahoo.co.jp yahoo.co.jp"),
        (.search, "DuckDuckGo", "duckduckgo.com start.duckduckgo.com html.duckduckgo.com"),
        (.search, "Yandex", "yandex.ru yandex.com yandex.ua yandex.by yandex.kz yandex.com.tr ya.ru"),
        (.search, "Baidu", "baidu.com m.baidu.com"),
        (.search, "Ecosia", "ecosia.org"),
        (.search, "Qwant", "qwant.com lite.qwant.com"),
        (.search, "Startpage", "startpage.com"),
        (.search, "IXquick", "ixquick.com ixquick.de"),
        (.search, "Naver", "search.naver.com m.search.naver.com naver.com"),
        (.search, "Daum", "search.daum.net daum.net"),
        (.search, "Seznam", "search.seznam.cz seznam.cz"),
        (.search, "Ask", "ask.com search.ask.com"),
        (.search, "AOL", "search.aol.com search.aol.co.uk suche.aol.de recherche.aol.fr"),
        (.search, "Sogou", "sogou.com m.sogou.com"),
        (.search, "360.cn", "so.360.cn so.com"),
        (.search, "Mail.ru", "go.mail.ru"),
        (.search, "Rambler", "nova.rambler.ru rambler.ru"),
        (.search, "Brave", "search.brave.com"),
        (.search, "Kagi", "kagi.com"),
        (.search, "Mojeek", "mojeek.com"),
        (.search, "Swisscows", "swisscows.com"),
        (.search, "Metager", "metager.org metager.de"),
        (.search, "Petal Search", "petalsearch.com"),
        (.search, "InfoSpace", "dogpile.com metacrawler.com webcrawler.com"),
        (.search, "Lycos", "search.lycos.com"),
        (.search, "Onet", "szukaj.onet.pl"),
        (.search, "Perplexity", "perplexity.ai"),
        // Social networks and communities.
        (.social, "Facebook", "facebook.com m.facebook.com l.facebook.com lm.facebook.com fb.com fb.me"),
        (.social, "Instagram", "instagram.com l.instagram.com"),
        (.social, "Twitter", "twitter.com t.co x.com mobile.twitter.com"),
        (.social, "LinkedIn", "linkedin.com lnkd.in"),
        (.social, "Reddit", "reddit.com old.reddit.com out.reddit.com redd.it"),
        (.social, "Youtube", "youtube.com m.youtube.com youtu.be music.youtube.com"),
        (.social, "TikTok", "tiktok.com"),
        (.social, "Pinterest", "pinterest.com pinterest.de pinterest.fr pinterest.co.uk pinterest.ca pin.it"),
        (.social, "Hacker News", "news.ycombinator.com"),
        (.social, "GitHub", "github.com"),
        (.social, "Product Hunt", "producthunt.com"),
        (.social, "Tumblr", "tumblr.com"),
        (.social, "Vkontakte", "vk.com m.vk.com away.vk.com vkontakte.ru"),
        (.social, "Odnoklassniki", "ok.ru odnoklassniki.ru"),
        (.social, "Weibo", "weibo.com t.cn"),
        (.social, "Quora", "quora.com"),
        (.social, "StackOverflow", "stackoverflow.com"),
        (.social, "Medium", "medium.com"),
        (.social, "Mastodon", "mastodon.social"),
        (.social, "Bluesky", "bsky.app"),
        (.social, "Threads", "threads.net threads.com"),
        (.social, "Telegram", "telegram.org web.telegram.org"),
        (.social, "WhatsApp", "whatsapp.com web.whatsapp.com wa.me"),
        (.social, "Discord", "discord.com discordapp.com"),
        (.social, "Slack", "slack.com app.slack.com"),
        (.social, "Snapchat", "snapchat.com"),
        (.social, "Flickr", "flickr.com"),
        (.social, "Flipboard", "flipboard.com"),
        (.social, "XING", "xing.com"),
        (.social, "Douban", "douban.com"),
        (.social, "Hatena", "b.hatena.ne.jp"),
        (.social, "Mixi", "mixi.jp"),
        (.social, "LINE", "line.me"),
        (.social, "Messenger", "messenger.com l.messenger.com"),
        (.social, "Lobsters", "lobste.rs"),
        (.social, "Dev.to", "dev.to"),
        (.social, "Twitch", "twitch.tv"),
        (.social, "Vimeo", "vimeo.com"),
        // Webmail.
        (.email, "Gmail", "mail.google.com com.google.android.gm inbox.google.com"),
        (.email, "Outlook.com", "outlook.live.com outlook.office.com outlook.office365.com mail.live.com"),
        (.email, "Yahoo! Mail", "mail.yahoo.com mail.yahoo.co.jp mail.yahoo.co.uk"),
        (.email, "AOL Mail", "mail.aol.com"),
        (.email, "Mail.ru", "e.mail.ru touch.mail.ru"),
        (.email, "Yandex", "mail.yandex.ru mail.yandex.com"),
        (.email, "ProtonMail", "mail.proton.me mail.protonmail.com"),
        (.email, "Zoho", "mail.zoho.com mail.zoho.eu"),
        (.email, "GMX", "navigator.gmx.net gmx.net gmx.de gmx.com"),
        (.email, "Web.de", "navigator.web.de"),
        (.email, "Fastmail", "fastmail.com app.fastmail.com"),
        (.email, "Tutanota", "mail.tutanota.com app.tuta.com"),
        (.email, "iCloud Mail", "icloud.com/mail"),
        (.email, "Seznam Mail", "email.seznam.cz"),
        (.email, "Naver Mail", "mail.naver.com"),
        (.email, "Orange Webmail", "mail01.orange.fr messagerie.orange.fr"),
        (.email, "Free", "webmail.free.fr zimbra.free.fr"),
        (.email, "Bigpond", "webmail.bigpond.com"),
        (.email, "Comcast", "connect.xfinity.com"),
    ]
}
