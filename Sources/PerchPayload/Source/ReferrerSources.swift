/// Names the source of a referral: a built-in table of the most common referrer hosts (in the
/// spirit of snowplow's `referers.yml`, which Plausible uses) and Plausible's custom sources, plus
/// the canonicalisation of tagged sources (`utm_source=fb` → `Facebook`, spec §4.2).
package enum ReferrerSources {
    /// The known source name of a referrer host, matching the host or any parent domain of it.
    package static func knownName(host: String) -> String? {
        let lowered = host.lowercasedFast
        let utf8 = lowered.utf8
        var labelStarts = [utf8.startIndex]
        for index in utf8.indices where utf8[index] == UInt8(ascii: ".") {
            labelStarts.append(utf8.index(after: index))
        }
        for start in labelStarts {
            if let name = hosts[String(Substring(utf8[start...]))] { return name }
        }
        return brandName(utf8, labelStarts: labelStarts)
    }

    /// The canonical spelling of a source name, or the candidate unchanged when unknown.
    package static func canonical(_ candidate: String) -> String {
        canonicalNames[candidate.lowercasedFast] ?? candidate
    }

    /// `google.de`, `www.google.co.uk`, `yandex.com.tr`: a brand label followed by a country or
    /// generic top-level domain, optionally behind `co.`/`com.`.
    private static func brandName(_ utf8: String.UTF8View, labelStarts: [String.Index]) -> String? {
        func label(_ position: Int) -> Substring {
            let end = position + 1 < labelStarts.count ? utf8.index(before: labelStarts[position + 1]) : utf8.endIndex
            return Substring(utf8[labelStarts[position]..<end])
        }
        for position in labelStarts.indices {
            guard let name = brands[String(label(position))] else { continue }
            switch labelStarts.count - position - 1 {
            case 1: return name
            case 2 where ["co", "com"].contains(label(position + 1)): return name
            default: continue
            }
        }
        return nil
    }

    private static let brands: [String: String] = [
        "google": "Google", "yandex": "Yandex", "yahoo": "Yahoo!", "pinterest": "Pinterest",
        "bing": "Bing", "ecosia": "Ecosia",
    ]

    private static let hosts: [String: String] = [
        "mail.google.com": "Gmail", "com.google.android.gm": "Gmail",
        "news.google.com": "Google News",
        "com.google.android.googlequicksearchbox": "Google",
        "bing.com": "Bing", "ntp.msn.com": "Bing",
        "duckduckgo.com": "DuckDuckGo",
        "search.yahoo.com": "Yahoo!", "mail.yahoo.com": "Yahoo! Mail",
        "ya.ru": "Yandex",
        "baidu.com": "Baidu", "sogou.com": "Sogou",
        "ecosia.org": "Ecosia", "search.brave.com": "Brave", "qwant.com": "Qwant",
        "startpage.com": "Startpage", "naver.com": "Naver", "seznam.cz": "Seznam",
        "ask.com": "Ask", "search.aol.com": "AOL",
        "perplexity.ai": "Perplexity",
        "facebook.com": "Facebook", "fb.com": "Facebook", "fb.me": "Facebook",
        "instagram.com": "Instagram",
        "twitter.com": "Twitter", "t.co": "Twitter", "x.com": "Twitter",
        "linkedin.com": "LinkedIn", "lnkd.in": "LinkedIn",
        "reddit.com": "Reddit", "android-app://com.reddit.frontpage": "Reddit",
        "youtube.com": "YouTube", "youtu.be": "YouTube",
        "tiktok.com": "TikTok",
        "news.ycombinator.com": "Hacker News",
        "github.com": "GitHub",
        "producthunt.com": "Product Hunt",
        "wikipedia.org": "Wikipedia",
        "medium.com": "Medium",
        "t.me": "Telegram", "telegram.org": "Telegram",
        "whatsapp.com": "WhatsApp", "wa.me": "WhatsApp",
        "discord.com": "Discord", "discordapp.com": "Discord",
        "slack.com": "Slack",
        "outlook.live.com": "Outlook.com", "outlook.com": "Outlook.com",
        "statics.teams.cdn.office.net": "Microsoft Teams",
        "mastodon.social": "Mastodon",
        "threads.net": "Threads", "bsky.app": "Bluesky",
        "quora.com": "Quora", "tumblr.com": "Tumblr", "snapchat.com": "Snapchat",
        "flipboard.com": "Flipboard", "vk.com": "vKontakte",
        "linktr.ee": "Linktree",
    ]

    /// Hosts that come from Plausible's `custom_sources.json`, which also names tagged sources.
    private static let customHosts = [
        "android-app://com.reddit.frontpage", "baidu.com", "discord.com", "discordapp.com", "linktr.ee",
        "ntp.msn.com", "perplexity.ai", "search.brave.com", "sogou.com", "statics.teams.cdn.office.net",
        "t.me", "ya.ru",
    ]

    /// Tag shorthands from Plausible's `custom_sources.json` (key → canonical name).
    private static let tags: [String: String] = [
        "fb": "Facebook", "fb-ads": "Facebook", "fbads": "Facebook", "fbad": "Facebook",
        "facebook-ads": "Facebook", "facebook_ads": "Facebook", "fcb": "Facebook",
        "facebook_ad": "Facebook", "facebook_feed_ad": "Facebook",
        "ig": "Instagram", "yt": "Youtube", "yt-ads": "Youtube", "reddit-ads": "Reddit",
        "google_ads": "Google", "google-ads": "Google", "googleads": "Google", "gads": "Google",
        "google ads": "Google", "adwords": "Google", "twitter-ads": "Twitter",
        "tiktokads": "TikTok", "tik.tok": "TikTok", "perplexity": "Perplexity", "linktree": "Linktree",
    ]

    /// Lowercased source name → canonical name, over hosts' names, tag shorthands and hosts.
    private static let canonicalNames: [String: String] = {
        var table: [String: String] = [:]
        for name in hosts.values { table[name.lowercased()] = name }
        for name in brands.values { table[name.lowercased()] = name }
        for key in customHosts { table[key] = hosts[key] }
        for (key, name) in tags { table[key] = name }
        for name in tags.values where table[name.lowercased()] == nil { table[name.lowercased()] = name }
        return table
    }()
}
