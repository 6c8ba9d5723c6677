import PerchCore
import PerchEnrich
import PerchIngest
import Testing

@Suite("Visitor identity")
struct VisitorIdentityTests {
    static let current = Salt(bytes: Array(0...15), createdAt: 1_767_744_000)
    static let previous = Salt(bytes: Array(16...31), createdAt: 1_767_657_600)
    static let ua = "Mozilla/5.0 (X11; Linux x86_64) Firefox/146.0"

    let identity = VisitorIdentity()

    func id(
        ua: String? = Self.ua, ip: String = "203.0.113.7", domain: String = "example.com",
        hostname: String = "example.com"
    ) -> UInt64 {
        identity.userIDs(
            salts: (Self.current, nil), userAgent: ua, clientIP: ip, domain: domain,
            hostname: hostname
        ).current
    }

    @Test("the id is SipHash-2-4 over UA ‖ IP ‖ domain ‖ root domain, without separators")
    func formula() {
        let message = Array((Self.ua + "203.0.113.7" + "example.com" + "example.com").utf8)
        #expect(id(hostname: "blog.example.com") == SipHash24.hash(key: Self.current.bytes, bytes: message))
    }

    @Test("an absent User-Agent hashes as an empty one")
    func absentUserAgent() {
        #expect(id(ua: nil) == id(ua: ""))
        #expect(id(ua: nil) != id())
    }

    @Test("same inputs give the same id; subdomains of one registrable domain share it")
    func stable() {
        #expect(id() == id())
        #expect(id(hostname: "app.example.com") == id(hostname: "example.com"))
        #expect(id(hostname: "a.b.example.com") == id(hostname: "shop.example.com"))
    }

    @Test("a different IP, UA, domain or registrable domain gives a different id")
    func distinct() {
        let base = id()
        #expect(id(ip: "203.0.113.8") != base)
        #expect(id(ip: "2001:db8::1") != base)
        #expect(id(ua: "curl/8.0") != base)
        #expect(id(domain: "other.com") != base)
        #expect(id(hostname: "example.org") != base)
        #expect(id(hostname: "foo.netlify.app") != id(hostname: "bar.netlify.app"))
    }

    @Test("ids are computed under the previous salt too, and differ from the current ones")
    func previousSalt() {
        let both = identity.userIDs(
            salts: (Self.current, Self.previous), userAgent: Self.ua,
            clientIP: "203.0.113.7", domain: "example.com", hostname: "example.com")
        let onlyPrevious = identity.userIDs(
            salts: (Self.previous, nil), userAgent: Self.ua,
            clientIP: "203.0.113.7", domain: "example.com", hostname: "example.com")
        #expect(both.current == id())
        #expect(both.previous == onlyPrevious.current)
        #expect(both.previous != both.current)
        #expect(onlyPrevious.previous == nil)
    }

    @Test(
        "root domain (spec §8)",
        arguments: [
            ("(none)", "(none)"),
            ("192.168.1.10", "192.168.1.10"),
            ("app.example.com", "example.com"),
            ("example.com", "example.com"),
            ("a.b.c.example.com", "example.com"),
            ("foo.netlify.app", "foo.netlify.app"),
            ("a.b.foo.netlify.app", "foo.netlify.app"),
            ("netlify.app", "netlify.app"),
            ("www.bbc.co.uk", "bbc.co.uk"),
            ("co.uk", "co.uk"),
            ("shop.example.com.au", "example.com.au"),
            ("user.github.io", "user.github.io"),
            ("my-app.herokuapp.com", "my-app.herokuapp.com"),
            ("preview.site.pages.dev", "site.pages.dev"),
            ("news.yahoo.co.jp", "yahoo.co.jp"),
            ("loja.exemplo.com.br", "exemplo.com.br"),
            ("App.Example.COM", "example.com"),
            ("localhost", "localhost"),
            ("192.0.2.10", "192.0.2.10"),
            ("1.2.3.4.example.com", "example.com"),
        ])
    func rootDomain(hostname: String, expected: String) {
        #expect(VisitorIdentity.rootDomain(of: hostname, in: .builtIn) == expected)
    }

    @Test("the suffix list can be replaced, including suffixes of three labels")
    func customSuffixes() {
        let list = PublicSuffixList(icannRules: ["com", "example.com", "uk"], privateRules: ["s3.amazonaws.com"])
        #expect(VisitorIdentity.rootDomain(of: "a.b.example.com", in: list) == "b.example.com")
        #expect(VisitorIdentity.rootDomain(of: "x.bucket.s3.amazonaws.com", in: list) == "bucket.s3.amazonaws.com")
        #expect(VisitorIdentity.rootDomain(of: "www.bbc.co.uk", in: list) == "co.uk")
        #expect(VisitorIdentity.rootDomain(of: "(none)", in: list) == "(none)")
    }
}
