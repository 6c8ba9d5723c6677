import Testing

@testable import PerchPayload

@Suite struct PageURLTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var text: String
        var scheme: String?
        var host: String?
        var path: String?
        var query: String?
        var fragment: String?
        var testDescription: String { text }
    }

    @Test(arguments: [
        Case(text: "https://a.com/x?y#z", scheme: "https", host: "a.com", path: "/x", query: "y", fragment: "z"),
        Case(text: "/no/hostname", path: "/no/hostname"),
        Case(text: "about:config", scheme: "about", path: "config"),
        Case(text: "file:///home/a.html", scheme: "file", host: "", path: "/home/a.html"),
        Case(text: "chrome-extension://abc/x.html", scheme: "chrome-extension", host: "abc", path: "/x.html"),
        Case(text: "http://[::1]:8080/", scheme: "http", host: "::1", path: "/"),
        Case(text: "HTTP://user:pw@Example.COM:81", scheme: "http", host: "Example.COM"),
        Case(text: "https://a.com?", scheme: "https", host: "a.com", query: ""),
        Case(text: "https://a.com/#", scheme: "https", host: "a.com", path: "/", fragment: ""),
        Case(text: "https:://twitter.com", scheme: "https", path: "://twitter.com"),
        Case(text: "1ab:c", path: "1ab:c"),
        Case(text: "", path: nil),
        Case(text: "android-app://com.x/p", scheme: "android-app", host: "com.x", path: "/p"),
        Case(text: "https://a.com/x#y?z", scheme: "https", host: "a.com", path: "/x", fragment: "y?z"),
    ])
    func splits(_ item: Case) {
        let url = PageURL(item.text)
        #expect(url.scheme == item.scheme)
        #expect(url.host == item.host)
        #expect(url.path == item.path)
        #expect(url.query == item.query)
        #expect(url.fragment == item.fragment)
    }

    @Test(arguments: [
        ("/a%20b", "/a b"), ("/caf%C3%A9", "/café"), ("/a+b", "/a+b"), ("/%2F", "//"), ("plain", "plain"),
        ("/%e2%82%ac", "/€"),
    ])
    func percentDecodes(encoded: String, decoded: String) throws {
        #expect(try PercentDecoding.decode(encoded) == decoded)
    }

    @Test(arguments: ["/%E0%A4%A", "/%", "/%G1", "/%1", "/%FF", "/%C3", "/%ED%A0%80"])
    func rejectsMalformedEscapes(encoded: String) {
        #expect(throws: PercentDecoding.Failure.self) { try PercentDecoding.decode(encoded) }
    }

    @Test func formDecodesQueries() throws {
        let query = try FormParameters(decoding: "a=1&b=x+y&a=2&&c&utm_source=%25balle%25&q=%22hi%22&e=")
        #expect(query["a"] == "2")
        #expect(query["b"] == "x y")
        #expect(query["c"] == "")
        #expect(query["e"] == "")
        #expect(query["utm_source"] == "%balle%")
        #expect(query["q"] == "\"hi\"")
        #expect(query["missing"] == nil)
        #expect(try FormParameters(decoding: "").pairs.isEmpty)
        #expect(throws: PercentDecoding.Failure.self) { try FormParameters(decoding: "a=%zz") }
    }

    @Test func formParametersBecomeAnObjectOfStrings() throws {
        let object = try FormParameters(decoding: "n=pageview&h=1&n=custom").jsonObject
        #expect(object == .object([("n", .string("custom")), ("h", .string("1"))]))
    }
}
