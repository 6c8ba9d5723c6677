import PerchCore
import PerchEnrich
import Testing

@testable import PerchPayload

/// `Acquisition` against `ReferenceAcquisition` (the implementation it replaced) over every
/// combination of awkward referrers, page hosts and queries: the same columns and referrer host.
@Suite struct AcquisitionEquivalenceTests {
    static let referrers: [String?] = [
        nil, "", "  ", "https://www.google.com/", "https://google.com", "HTTPS://WWW.Google.COM/search?q=1",
        "https://t.co/abc//", "https://site.com/x", "https://www.site.com/", "https://WWW.site.com/",
        "https://www./", "https://www.", "http://localhost:3000/", "http://www.localhost/",
        "android-app://com.google.android.gm/", "android-app://com.example.app//x//", "ftp://x.com/",
        "//x.com/path/", "https://user:pw@host.com:8080/p/", "https://[::1]/x/", "https://xn--bcher-kva.example/",
        "https://bücher.example/pfad/", "https://ex.com/\u{0600}/", "https://ex.com/\u{0600}//",
        "https://ex.com/é/", "https://ex.com/a%2F/", "https://ex.com/a/#frag/", " https://news.ycombinator.com/ ",
        "https://www.bing.com/", "https://duckduckgo.com/", "data:text/html,x", "https://ex.com////",
        "https://ex.com/a/\u{301}", "https://ex.com/\u{1F426}/", "\u{3000}https://github.com/x/\u{3000}",
        "https://mail.google.com/mail/u/0/", "https://site.com:443/", "https://www.site.com.evil/",
    ]
    static let pageHosts: [String?] = [
        nil, "", "site.com", "www.site.com", "WWW.site.com", "google.com", "www.google.com", "www.",
        "bücher.example", "xn--bcher-kva.example", "ex.com", "localhost",
    ]
    static let queries = [
        "", "utm_source=x", "utm_source=", "utm_source", "source=fb&ref=r", "ref=producthunt", "gclid=1",
        "msclkid=1", "gclid=1&msclkid=2", "msclkid=2&gclid=1", "twclid&fbclid", "utm_medium=cpc&gclid=x",
        "utm_source=a&utm_source=b", "utm_campaign=nov&utm_content=c&utm_term=t", "utm%5Fsource=enc",
        "UTM_SOURCE=upper", "utm_source=%F0%9F%90%A6", "utm_source=a+b", "gbraid=1&wbraid=2", "wbraid=&gbraid",
        "&&utm_term=x&", "=x", "ref=r&source=s&utm_source=u", "utm_medium=&utm_medium=email", "utm_source=fb",
        "utm_source=GOOGLE&gclid=1", "source=bing&msclkid=x", "utm_sourcex=1&xutm_source=2&utm_sourc=3",
        "reff=1&sourc=2&gclidd=3&utm_terms=4", "utm_campaign=a&utm_campaign=", "fbclid=1&twclid=2&wbraid=3",
    ]

    @Test func matchesTheReferenceOnEveryCombination() throws {
        let sources = ReferrerSourceTable.builtIn
        var compared = 0
        var mismatches: [String] = []
        for query in Self.queries {
            let parameters = try FormParameters(decoding: query)
            for referrer in Self.referrers {
                for pageHost in Self.pageHosts {
                    let new = Acquisition(pageHost: pageHost, referrer: referrer, query: parameters, sources: sources)
                    let old = ReferenceAcquisition(
                        pageHost: pageHost, referrer: referrer, query: parameters, sources: sources)
                    compared += 1
                    if new.attributes != old.attributes || new.referrerHost != old.referrerHost {
                        mismatches.append("\(String(describing: referrer)) \(String(describing: pageHost)) \(query)")
                    }
                }
            }
        }
        #expect(compared == Self.queries.count * Self.referrers.count * Self.pageHosts.count)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }

    /// The cases the byte-wise trimming of the referrer path must get right, spelled out.
    @Test(arguments: [
        ("https://ex.com/a//", "ex.com/a"),
        ("https://ex.com////", "ex.com"),
        ("https://ex.com/é/", "ex.com/é"),
        // U+0600 is a prepended mark: `؀/` is one character, not a slash, so it stays.
        ("https://ex.com/\u{0600}/", "ex.com/\u{0600}/"),
        ("https://ex.com/\u{0600}//", "ex.com/\u{0600}/"),
        ("https://ex.com/a/\u{301}", "ex.com/a/\u{301}"),
    ])
    func referrerPathTrimming(referrer: String, expected: String) {
        let acquisition = Acquisition(
            pageHost: "site.com", referrer: referrer, query: FormParameters(), sources: ReferrerSourceTable.builtIn)
        #expect(acquisition.attributes.referrer == expected)
    }
}
