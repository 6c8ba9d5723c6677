/// Where Plausible's bundled referrer list (`priv/ref_inspector/referers.yml`, which RefInspector
/// reads) names a source differently from snowplow's `referers-latest.json` and Perch's built-in
/// table: the name Plausible stores wins, so a site moving from Plausible sees the same sources.
/// Applied to every source table, the built-in one and the installed data set alike.
package enum PlausibleSourceSpellings {
    /// A source's name, lowercased, → Plausible's spelling of the same source.
    package static let names: [String: String] = [
        "youtube": "Youtube", "vkontakte": "Vkontakte", "sina weibo": "Weibo", "weibo": "Weibo", "xing": "XING",
        "yandex mail": "Yandex", "metager": "Metager", "stack overflow": "StackOverflow",
        "stackoverflow": "StackOverflow", "odnoklassniki": "Odnoklassniki", "qq mail": "QQ Mail",
    ]

    /// Hosts Plausible's list gives to another source than snowplow's grouping does, with the
    /// medium that list files them under. They take precedence over the data's own entries.
    package static let hosts: [(host: String, name: String, medium: ReferrerMedium)] = [
        ("vk.com", "Vkontakte", .social), ("m.vk.com", "Vkontakte", .social), ("away.vk.com", "Vkontakte", .social),
        ("vkontakte.ru", "Vkontakte", .social), ("weibo.com", "Weibo", .social), ("t.cn", "Weibo", .social),
        ("ixquick.com", "IXquick", .search), ("ixquick.de", "IXquick", .search), ("eu.ixquick.com", "IXquick", .search),
        ("us.ixquick.com", "IXquick", .search), ("dogpile.com", "InfoSpace", .search),
        ("metacrawler.com", "InfoSpace", .search), ("webcrawler.com", "InfoSpace", .search),
        ("infospace.com", "InfoSpace", .search), ("metager.de", "Metager", .search),
        ("meta.rrzn.uni-hannover.de", "Metager", .search), ("mail.yandex.ru", "Yandex", .email),
        ("mail.yandex.com", "Yandex", .email), ("mail.yandex.kz", "Yandex", .email),
        ("mail.yandex.ua", "Yandex", .email), ("mail.yandex.by", "Yandex", .email),
        ("mail.rambler.ru", "Rambler", .email),
    ]

    /// `source` renamed to Plausible's spelling, when Plausible spells it differently.
    static func spelling(of source: ReferrerSourceTable.Source) -> ReferrerSourceTable.Source {
        guard let name = names[ReferrerSourceTable.folded(source.name)], name != source.name else { return source }
        return ReferrerSourceTable.Source(name: name, medium: source.medium, domains: source.domains)
    }

    /// The host overrides as sources, one per host, to be placed before the data's own.
    static var overrideSources: [ReferrerSourceTable.Source] {
        hosts.map { ReferrerSourceTable.Source(name: $0.name, medium: $0.medium, domains: [$0.host]) }
    }
}
