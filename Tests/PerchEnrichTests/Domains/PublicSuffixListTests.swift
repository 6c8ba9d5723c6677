import PerchEnrich
import Testing

private func fixture(_ name: String) -> String {
    let file = "\(#filePath)"
    return String(file[..<file.lastIndex(of: "/")!]) + "/Fixtures/" + name
}

@Suite("PublicSuffixList")
struct PublicSuffixListTests {
    static let sample = try! PublicSuffixList(contentsOfFile: fixture("psl-sample.dat"))

    /// The standard test cases of publicsuffix.org (`checkPublicSuffix`) that the fixture's rules cover.
    @Test(
        arguments: [
            ("", nil), ("COM", nil), ("example.COM", "example.com"), ("WwW.example.COM", "example.com"),
            (".com", nil), (".example", nil), (".example.com", nil), (".example.example", nil),
            ("example", nil), ("example.example", "example.example"), ("b.example.example", "example.example"),
            ("a.b.example.example", "example.example"),
            ("biz", nil), ("domain.biz", "domain.biz"), ("b.domain.biz", "domain.biz"),
            ("a.b.domain.biz", "domain.biz"),
            ("com", nil), ("example.com", "example.com"), ("b.example.com", "example.com"),
            ("a.b.example.com", "example.com"),
            ("uk.com", nil), ("example.uk.com", "example.uk.com"), ("b.example.uk.com", "example.uk.com"),
            ("a.b.example.uk.com", "example.uk.com"), ("test.ac", "test.ac"),
            ("mm", nil), ("c.mm", nil), ("b.c.mm", "b.c.mm"), ("a.b.c.mm", "b.c.mm"),
            ("jp", nil), ("test.jp", "test.jp"), ("www.test.jp", "test.jp"), ("ac.jp", nil),
            ("test.ac.jp", "test.ac.jp"),
            ("www.test.ac.jp", "test.ac.jp"), ("kyoto.jp", nil), ("test.kyoto.jp", "test.kyoto.jp"),
            ("ide.kyoto.jp", nil), ("b.ide.kyoto.jp", "b.ide.kyoto.jp"), ("a.b.ide.kyoto.jp", "b.ide.kyoto.jp"),
            ("c.kobe.jp", nil), ("b.c.kobe.jp", "b.c.kobe.jp"), ("a.b.c.kobe.jp", "b.c.kobe.jp"),
            ("city.kobe.jp", "city.kobe.jp"), ("www.city.kobe.jp", "city.kobe.jp"),
            ("ck", nil), ("test.ck", nil), ("b.test.ck", "b.test.ck"), ("a.b.test.ck", "b.test.ck"),
            ("www.ck", "www.ck"), ("www.www.ck", "www.ck"),
            ("us", nil), ("test.us", "test.us"), ("www.test.us", "test.us"), ("ak.us", nil),
            ("test.ak.us", "test.ak.us"), ("www.test.ak.us", "test.ak.us"), ("k12.ak.us", nil),
            ("test.k12.ak.us", "test.k12.ak.us"), ("www.test.k12.ak.us", "test.k12.ak.us"),
            ("食狮.com.cn", "食狮.com.cn"), ("食狮.公司.cn", "食狮.公司.cn"), ("www.食狮.公司.cn", "食狮.公司.cn"),
            ("shishi.公司.cn", "shishi.公司.cn"), ("公司.cn", nil), ("食狮.中国", "食狮.中国"), ("www.食狮.中国", "食狮.中国"),
            ("shishi.中国", "shishi.中国"), ("中国", nil),
        ] as [(String, String?)])
    func standardCases(host: String, expected: String?) {
        #expect(Self.sample.registrableDomain(of: host) == expected)
    }

    @Test(
        arguments: [
            ("192.168.1.1", nil), ("::1", nil), ("2001:db8::1", nil), ("example.com.", "example.com"),
            ("a..example.com", nil), ("example.com..", nil), (".", nil), ("1.2.3.example.com", "example.com"),
        ] as [(String, String?)])
    func addressesAndOddHosts(host: String, expected: String?) {
        #expect(Self.sample.registrableDomain(of: host) == expected)
    }

    @Test func privateSectionCanBeIgnored() {
        #expect(Self.sample.registrableDomain(of: "a.b.example.github.io") == "example.github.io")
        #expect(Self.sample.registrableDomain(of: "github.io") == nil)
        #expect(Self.sample.registrableDomain(of: "foo.netlify.app") == "foo.netlify.app")
        #expect(Self.sample.registrableDomain(of: "a.b.example.github.io", includingPrivate: false) == "github.io")
        #expect(Self.sample.registrableDomain(of: "example.uk.com", includingPrivate: false) == "uk.com")
    }

    @Test func countsRules() {
        #expect(Self.sample.entryCount == 24)
        #expect(PublicSuffixList.kind == .publicSuffixes)
    }

    @Test(
        arguments: [
            ("www.example.co.uk", "example.co.uk"), ("example.co.uk", "example.co.uk"), ("co.uk", nil),
            ("a.b.example.github.io", "example.github.io"), ("app.example.com", "example.com"),
            ("foo.netlify.app", "foo.netlify.app"), ("shop.example.com.au", "example.com.au"),
            ("blog.example.de", "example.de"), ("www.example.co.jp", "example.co.jp"), ("b.test.ck", "b.test.ck"),
            ("localhost", nil), ("my.site.vercel.app", "site.vercel.app"),
        ] as [(String, String?)])
    func builtInCoversCommonSuffixes(host: String, expected: String?) {
        #expect(PublicSuffixList.builtIn.registrableDomain(of: host) == expected)
    }

    @Test(arguments: [
        ("", "holds no suffix rules"),
        ("// only a comment\n\n", "holds no suffix rules"),
        ("com\nfoo..bar\n", "line 2 is not a suffix rule"),
        ("com\na.*.b\n", "line 2 is not a suffix rule"),
        ("!ck\n", "line 1 is not a suffix rule"),
        ("com\n\0\u{1}\u{2}", "binary byte"),
        ("// ===BEGIN ICANN DOMAINS===\ncom\n", "truncated"),
        ("com\n// ===END ICANN DOMAINS===\n", "not begun"),
    ])
    func refusesBadFiles(text: String, message: String) {
        #expect {
            try PublicSuffixList(fileBytes: Array(text.utf8), name: "psl.dat")
        } throws: { error in
            (error as? DatasetError)?.message.contains(message) == true
        }
    }

    @Test func refusesTruncatedFileAndBadEncoding() {
        #expect {
            try PublicSuffixList(contentsOfFile: fixture("psl-truncated.dat"))
        } throws: { error in
            (error as? DatasetError)?.message.contains("PRIVATE DOMAINS has no END marker") == true
        }
        #expect(throws: DatasetError.self) {
            try PublicSuffixList(fileBytes: [0x63, 0x6F, 0xC3, 0x28, 0x0A], name: "psl.dat")
        }
    }
}
