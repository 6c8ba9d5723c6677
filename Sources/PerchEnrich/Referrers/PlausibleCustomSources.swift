/// Plausible's `priv/custom_sources.json` (spec §4.2): referrer hosts RefInspector does not name
/// and common `utm_source` shorthands, each mapped to a canonical source name. Ported entry for
/// entry, because the stored `referrer_source` values must match Plausible's.
package enum PlausibleCustomSources {
    /// Key (lowercase host or tag) → canonical source name.
    package static let mapping: [String: String] = {
        var table: [String: String] = [:]
        for (key, name) in hosts + tags { table[key] = name }
        for prefix in wikipediaHosts.split(separator: " ") { table["\(prefix).wikipedia.org"] = "Wikipedia" }
        return table
    }()

    /// Tagged sources that mark paid traffic whatever the medium (spec §4.2): the keys ending in
    /// `ads` or `ad`, plus `adwords`.
    package static let paidSources: Set<String> = {
        var set: Set<String> = ["adwords"]
        for key in mapping.keys where key.hasSuffix("ads") || key.hasSuffix("ad") { set.insert(key) }
        return set
    }()

    private static let hosts: [(String, String)] = [
        ("android-app://com.reddit.frontpage", "Reddit"), ("baidu.com", "Baidu"), ("discord.com", "Discord"),
        ("discordapp.com", "Discord"), ("ptb.discord.com", "Discord"), ("canary.discord.com", "Discord"),
        ("linktr.ee", "Linktree"), ("m.sogou.com", "Sogou"), ("sogou.com", "Sogou"), ("wap.sogou.com", "Sogou"),
        ("ntp.msn.com", "Bing"), ("perplexity.ai", "Perplexity"), ("search.brave.com", "Brave"),
        ("statics.teams.cdn.office.net", "Microsoft Teams"), ("t.me", "Telegram"), ("webk.telegram.org", "Telegram"),
        ("ya.ru", "Yandex"), ("yandex.com.tr", "Yandex"), ("yandex.eu", "Yandex"), ("yandex.fr", "Yandex"),
        ("yandex.kz", "Yandex"), ("yandex.tm", "Yandex"), ("yandex.uz", "Yandex"),
    ]

    private static let tags: [(String, String)] = [
        ("fb", "Facebook"), ("fb-ads", "Facebook"), ("fbads", "Facebook"), ("fbad", "Facebook"),
        ("facebook-ads", "Facebook"), ("facebook_ads", "Facebook"), ("fcb", "Facebook"), ("facebook_ad", "Facebook"),
        ("facebook_feed_ad", "Facebook"), ("ig", "Instagram"), ("yt", "Youtube"), ("yt-ads", "Youtube"),
        ("reddit-ads", "Reddit"), ("google_ads", "Google"), ("google-ads", "Google"), ("googleads", "Google"),
        ("gads", "Google"), ("google ads", "Google"), ("adwords", "Google"), ("twitter-ads", "Twitter"),
        ("tiktokads", "TikTok"), ("tik.tok", "TikTok"), ("perplexity", "Perplexity"), ("linktree", "Linktree"),
    ]

    /// The `<prefix>.wikipedia.org` hosts of the file (language editions and their `.m` mobile sites).
    private static let wikipediaHosts = """
        am ar ar.m arz arz.m as.m az az.m bat-smg bcl.m be be-tarask be-tarask.m bg bg.m bjn bn bn.m bs bs.m \
        ca ca.m ckb.m crh cs cs.m cy da da.m de de.m dga.m dz el el.m en en.m eo eo.m es es.m et et.m eu eu.m \
        fa fa.m fi fi.m fo fr fr.m fy ga ga.m gu.m he he.m hi hi.m hr hr.m hu hu.m hy hy.m id id.m is is.m \
        it it.m ja ja.m ka ka.m kk.m kn ko ko.m ky la la.m lij lij.m lrc lt lt.m lv lv.m mg.m mk ml ml.m mn \
        mn.m mr ms ms.m nds-nl.m ne.m new nl nl.m nn nn.m no no.m nostalgia oc olo pa.m pl pl.m pt pt.m qu ro \
        ro.m ru ru.m rw.m sa.m sh sh.m si si.m simple simple.m sk sk.m sl sl.m sq sq.m sr sr.m sv sv.m sw sw.m \
        szl.m ta ta.m te.m th th.m tl tl.m tr tr.m tt uk uk.m ur.m uz uz.m vec vi vi.m wuu yi.m zh zh.m \
        zh-classical zh-yue
        """
}
