import Testing

@testable import PerchPayload

/// Spec §3 (hostname, pathname, hash mode, query) and §4.1 (domain lists).
@Suite struct PageFieldsTests {
    @Test(arguments: [
        ("https://www.example.com/a", "example.com"),
        ("https://WWW.example.com/a", "WWW.example.com"),
        ("https://www.www.example.com/", "www.example.com"),
        ("https://Sub.Example.com/", "Sub.Example.com"),
        ("file:///home/a.html", "(none)"),
        ("about:config", "(none)"),
        ("/no/hostname", "(none)"),
        ("chrome-extension://abcdef/popup.html", "abcdef"),
        ("http://[::1]:8080/", "::1"),
        ("http://user@host.com:99/", "host.com"),
    ])
    func hostname(url: String, expected: String) {
        #expect(TestDecoding.request(TestDecoding.pageview(url: url))?.hostname == expected)
    }

    @Test(arguments: [
        ("https://a.com", "/"),
        ("https://a.com?x=1", "/"),
        ("https://a.com/", "/"),
        ("https://a.com/a/b/", "/a/b/"),
        ("https://a.com/a%20b   ", "/a b"),
        ("https://a.com/a%20%20", "/a"),
        ("https://a.com/caf%C3%A9?q#frag", "/café"),
        ("https://a.com/%22quoted%22", "/\"quoted\""),
        ("about:config", "config"),
        ("/no/hostname", "/no/hostname"),
    ])
    func pathname(url: String, expected: String) {
        #expect(TestDecoding.request(TestDecoding.pageview(url: url))?.pathname == expected)
    }

    @Test(arguments: [
        (#""h":1"#, "https://a.com/#page-a", "/#page-a"),
        (#""h":"1""#, "https://a.com/#page-a", "/#page-a"),
        (#""hashMode":1"#, "https://a.com/x#p%20a", "/x#p a"),
        (#""h":0"#, "https://a.com/#page-a", "/"),
        (#""h":2"#, "https://a.com/#page-a", "/"),
        (#""h":false"#, "https://a.com/#page-a", "/"),
        (#""h":null"#, "https://a.com/#page-a", "/"),
        ("", "https://a.com/#page-a", "/"),
        (#""h":1"#, "https://a.com/", "/"),
        (#""h":1"#, "https://a.com/#", "/#"),
    ])
    func hashMode(extra: String, url: String, expected: String) {
        #expect(TestDecoding.request(TestDecoding.pageview(extra, url: url))?.pathname == expected)
    }

    @Test func malformedFragmentInHashModeIsRejected() {
        #expect(
            TestDecoding.errorBody(TestDecoding.pageview(#""h":1"#, url: "https://a.com/#%E0"))
                == #"{"errors":{"url":["must be a valid url"]}}"#)
        #expect(TestDecoding.request(TestDecoding.pageview(url: "https://a.com/#%E0")) != nil)
    }

    @Test func queryIsFormDecodedLastDuplicateWins() {
        let url = "https://a.com/?utm_source=%25balle%25&utm_campaign=a&utm_campaign=b+c&utm_term=%5C%22x%5C%22"
        let request = TestDecoding.request(TestDecoding.pageview(url: url))
        #expect(request?.acquisition.utmSource == "%balle%")
        #expect(request?.acquisition.utmCampaign == "b c")
        #expect(request?.acquisition.utmTerm == "\\\"x\\\"")
    }

    @Test(arguments: [
        (#""d":"a.com""#, ["a.com"]),
        (#""d":" www.a.com , b.com ""#, ["a.com", "b.com"]),
        (#""d":"a.com,b.com,""#, ["a.com", "b.com", ""]),
        (#""d":"Example.COM""#, ["example.com"]),
        (#""domain":"c.com""#, ["c.com"]),
        (#""d":"a.com","domain":"c.com""#, ["a.com"]),
        (#""d":false,"domain":"c.com""#, ["c.com"]),
        (#""d":5"#, ["page.com"]),
        ("", ["page.com"]),
    ])
    func domains(extra: String, expected: [String]) {
        let body = #"{"n":"pageview","u":"https://www.Page.com/""# + (extra.isEmpty ? "" : "," + extra) + "}"
        #expect(TestDecoding.request(body)?.domains == expected)
    }

    @Test func atMostFiftyDomainsPerRequest() {
        let fifty = (1...50).map { "s\($0).com" }.joined(separator: ",")
        #expect(TestDecoding.request(#"{"n":"pageview","u":"https://a.com/","d":"\#(fifty)"}"#)?.domains.count == 50)
        let body = #"{"n":"pageview","u":"https://a.com/","d":"\#(fifty),s51.com"}"#
        #expect(TestDecoding.request(body) == nil)
        #expect(TestDecoding.errorBody(body) == #"{"errors":{"domain":["lists at most 50 domains"]}}"#)
        // A 1 MB body of commas is refused, not fanned out into events.
        let commas = String(repeating: ",", count: 300_000)
        #expect(TestDecoding.request(#"{"n":"pageview","u":"https://a.com/","d":"a.com\#(commas)"}"#) == nil)
    }
}
