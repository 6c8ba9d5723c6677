import PerchCore
import Testing

@testable import PerchPayload

/// Spec §4.2 (referrer, referrer_source) and §4.3 (UTM, click ids, medium inference).
@Suite struct AcquisitionTests {
    func acquisition(url: String = "https://site.com/", referrer: String? = nil) -> VisitAttributes? {
        var extra = ""
        if let referrer { extra = #""r":""# + referrer + "\"" }
        return TestDecoding.request(TestDecoding.pageview(extra, url: url))?.acquisition
    }

    @Test(arguments: [
        ("https://facebook.com/page/", "facebook.com/page"),
        ("https://www.indiehackers.com/page?q=1#x", "indiehackers.com/page"),
        ("https://blog.example.com", "blog.example.com"),
        ("android-app://com.reddit.frontpage/", "android-app://com.reddit.frontpage"),
        ("https://site.com/other", ""),
        ("https://www.site.com/other", ""),
        ("https:://twitter.com", ""),
        ("ftp://wat", ""),
        ("http://localhost:3000/x", ""),
        ("/relative/path", ""),
        ("not a url", ""),
    ])
    func referrerColumn(referrer: String, expected: String) {
        #expect(acquisition(referrer: referrer)?.referrer == expected)
    }

    @Test(arguments: [
        ("https://www.google.com/", "Google"),
        ("https://www.google.co.uk/search", "Google"),
        ("https://google.de/", "Google"),
        ("https://www.bing.com/search?q=x", "Bing"),
        ("https://duckduckgo.com/", "DuckDuckGo"),
        ("https://search.yahoo.com/", "Yahoo!"),
        ("https://yandex.ru/", "Yandex"),
        ("https://m.facebook.com/", "Facebook"),
        ("https://l.instagram.com/", "Instagram"),
        ("https://t.co/abc", "Twitter"),
        ("https://x.com/someone", "Twitter"),
        ("https://news.ycombinator.com/item?id=1", "Hacker News"),
        ("https://github.com/perch", "GitHub"),
        ("https://en.wikipedia.org/wiki/X", "Wikipedia"),
        ("https://mail.google.com/mail/u/0", "Gmail"),
        ("https://perplexity.ai/", "Perplexity"),
        ("https://t.me/channel", "Telegram"),
        ("https://blog.example.com/post", "blog.example.com"),
        ("https://www.unknown.io/", "unknown.io"),
        ("android-app://com.reddit.frontpage", "Reddit"),
        ("android-app://com.example.app", "android-app://com.example.app"),
        ("https://site.com/internal", ""),
        ("https://google.evil.com/", "google.evil.com"),
    ])
    func sourceFromReferrer(referrer: String, expected: String) {
        #expect(acquisition(referrer: referrer)?.referrerSource == expected)
    }

    @Test(arguments: [
        ("?utm_source=facebook", "Facebook", "facebook"),
        ("?utm_source=fb", "Facebook", "fb"),
        ("?utm_source=ig", "Instagram", "ig"),
        ("?utm_source=Reddit-ads", "Reddit", "Reddit-ads"),
        ("?utm_source=Newsletter-UK", "Newsletter-UK", "Newsletter-UK"),
        ("?utm_source=betalist", "betalist", "betalist"),
        ("?utm_source=yt", "Youtube", "yt"),
        ("?utm_source=google-ads", "Google", "google-ads"),
        ("?utm_source=adwords", "Google", "adwords"),
        ("?utm_source=tiktokads", "TikTok", "tiktokads"),
        ("?utm_source=linktree", "Linktree", "linktree"),
        ("?utm_source=t.me", "Telegram", "t.me"),
        ("?utm_source=HACKER%20NEWS", "Hacker News", "HACKER NEWS"),
        ("?source=twitter", "Twitter", "twitter"),
        ("?ref=product+hunt", "Product Hunt", "product hunt"),
        ("?ref=producthunt", "producthunt", "producthunt"),
        ("?ref=a&source=b", "b", "b"),
        ("?ref=a&source=b&utm_source=c", "c", "c"),
        ("?utm_source=", "", ""),
    ])
    func taggedSourceWinsOverReferrer(query: String, source: String, utmSource: String) {
        let attributes = acquisition(url: "https://site.com/" + query, referrer: "https://www.google.com/")
        #expect(attributes?.referrerSource == source)
        #expect(attributes?.utmSource == utmSource)
        #expect(attributes?.referrer == "google.com")
    }

    @Test func utmColumnsAreRaw() throws {
        let url = "https://site.com/?utm_medium=Email&utm_campaign=Spring+Sale&utm_content=a%26b&utm_term=%C3%A9"
        let attributes = try #require(acquisition(url: url))
        #expect(attributes.utmMedium == "Email")
        #expect(attributes.utmCampaign == "Spring Sale")
        #expect(attributes.utmContent == "a&b")
        #expect(attributes.utmTerm == "é")
        #expect(attributes.utmSource == "")
        #expect(attributes.clickIDParam == "")
        #expect(attributes.acquisitionChannel == "")
    }

    @Test(arguments: [
        ("?gclid=1", "gclid"), ("?fbclid=1&gclid=2", "gclid"), ("?twclid=", "twclid"), ("?msclkid=x", "msclkid"),
        ("?wbraid=1&gbraid=1", "gbraid"), ("?fbclid=1", "fbclid"), ("?other=1", ""),
    ])
    func clickIDParam(query: String, expected: String) {
        #expect(acquisition(url: "https://site.com/" + query)?.clickIDParam == expected)
    }

    @Test(arguments: [
        ("?gclid=1", "https://www.google.com/", "(gclid)"),
        ("?utm_source=google&gclid=1", nil, "(gclid)"),
        ("?gclid=1&utm_medium=cpc", "https://www.google.com/", "cpc"),
        ("?gclid=1&utm_medium=", "https://www.google.com/", ""),
        ("?msclkid=1", "https://www.bing.com/", "(msclkid)"),
        ("?msclkid=1", "https://www.google.com/", ""),
        ("?gclid=1", "https://duckduckgo.com/", ""),
        ("?gclid=1", nil, ""),
    ])
    func mediumInference(query: String, referrer: String?, expected: String) {
        #expect(acquisition(url: "https://site.com/" + query, referrer: referrer)?.utmMedium == expected)
    }

    @Test(
        arguments: [
            ("https://www.1-best-seo.com/x", "1-best-seo.com"),
            ("https://site.com/", "site.com"),
            ("ftp://wat/", "wat"),
            ("/relative", nil),
        ] as [(String, String?)])
    func referrerHostIsKeptForSpamChecks(referrer: String, expected: String?) {
        #expect(
            TestDecoding.request(TestDecoding.pageview(#""r":""# + referrer + "\"", url: "https://site.com/"))?
                .referrerHost == expected)
    }

    @Test func referrerAliasesAndTypes() {
        let long = "https://ref.com/" + String(repeating: "a", count: 3000)
        #expect(
            TestDecoding.request(TestDecoding.pageview(#""referrer":"https://ref.com/x""#))?.acquisition.referrer
                == "ref.com/x")
        #expect(TestDecoding.request(TestDecoding.pageview(#""r":5"#))?.acquisition.referrer == "")
        #expect(
            TestDecoding.request(TestDecoding.pageview(#""r":""# + long + "\""))?.acquisition.referrer.utf8.count
                == 2000 - "https://".utf8.count)
    }
}
