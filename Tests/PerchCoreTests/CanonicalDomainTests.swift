import PerchCore
import Testing

/// `Site.canonicalDomain`: domains already in canonical form come back as they are (the form every
/// event's domains arrive in), anything else is trimmed, lowercased and loses one leading `www.`.
@Suite struct CanonicalDomainTests {
    @Test(arguments: ["example.com", "bench-12.test", "xn--bcher-kva.example", "", "wwwx.example", "www"])
    func aCanonicalDomainIsKept(_ domain: String) {
        #expect(Site.canonicalDomain(domain) == domain)
    }

    @Test(arguments: [
        ("Example.COM", "example.com"),
        ("  example.com\t", "example.com"),
        ("www.example.com", "example.com"),
        (" WWW.Example.com ", "example.com"),
        ("www.www.example.com", "www.example.com"),
        ("ÉCOLE.example", "école.example"),
        ("\texample.com\n", "example.com"),
        ("example.com\r\n", "example.com"),
        ("\r\n Example.com \r\n", "example.com"),
        (" école.example\r\n", "école.example"),
    ])
    func otherDomainsAreCanonicalised(_ raw: String, _ expected: String) {
        #expect(Site.canonicalDomain(raw) == expected)
    }
}
