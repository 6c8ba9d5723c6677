import PerchCore
import PerchEnrich
import Testing

/// Source names as Plausible stores them where its bundled referrer list spells a source unlike
/// snowplow's: `vkontakte.ru` is `Vkontakte`, `youtube.com` is `Youtube`, in the built-in table
/// and in an installed `referers-latest.json` alike.
@Suite("PlausibleSourceSpellings")
struct PlausibleSourceSpellingsTests {
    static let cases: [(String, String)] = [
        ("vkontakte.ru", "Vkontakte"), ("vk.com", "Vkontakte"), ("m.vk.com", "Vkontakte"),
        ("away.vk.com", "Vkontakte"), ("youtube.com", "Youtube"), ("youtu.be", "Youtube"), ("weibo.com", "Weibo"),
        ("t.cn", "Weibo"), ("xing.com", "XING"), ("mail.yandex.ru", "Yandex"), ("ixquick.com", "IXquick"),
        ("dogpile.com", "InfoSpace"), ("metager.de", "Metager"), ("stackoverflow.com", "StackOverflow"),
    ]

    @Test(arguments: cases) func builtInTableSpellsSourcesAsPlausible(host: String, name: String) {
        #expect(ReferrerSourceTable.builtIn.knownName(host: host) == name)
    }

    /// Snowplow's spellings in the data set are overridden the same way.
    @Test(arguments: cases) func dataSetSpellsSourcesAsPlausible(host: String, name: String) throws {
        let snowplow = """
            {"social": {"VKontakte": {"domains": ["vk.com", "vkontakte.ru"]},
                        "YouTube": {"domains": ["youtube.com", "youtu.be"]},
                        "Sina Weibo": {"domains": ["weibo.com", "t.cn"]}, "Xing": {"domains": ["xing.com"]},
                        "Stack Overflow": {"domains": ["stackoverflow.com"]}},
             "email": {"Yandex Mail": {"domains": ["mail.yandex.ru"]}},
             "search": {"Startpage": {"domains": ["startpage.com", "ixquick.com"]},
                        "Dogpile": {"domains": ["dogpile.com"]}, "MetaGer": {"domains": ["metager.de"]}}}
            """
        let table = try ReferrerSourceTable(fileBytes: Array(snowplow.utf8), name: "referers.json")
        #expect(table.knownName(host: host) == name)
        #expect(table.canonical(name.lowercased()) == name)
    }

    /// Every built-in name is its own canonical spelling, so a tagged source spelled like it in any
    /// case is stored as Plausible stores it.
    @Test func taggedSourcesTakePlausiblesSpelling() {
        let table = ReferrerSourceTable.builtIn
        #expect(table.canonical("VKONTAKTE") == "Vkontakte")
        #expect(table.canonical("xing") == "XING")
        #expect(table.canonical("YouTube") == "Youtube")
    }
}
