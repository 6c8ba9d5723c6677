import Testing

@testable import PerchIngest

/// Page and hostname patterns (spec §7.2): `*`/`**` are any run of characters, anchored, case-sensitive.
@Suite struct ShieldGlobTests {
    @Test(arguments: [
        ("/test/*", "/test/", true),
        ("/test/*", "/test/hello", true),
        ("/test/*", "/test/a/b", true),
        ("/test/*", "/test", false),
        ("/test/*", "/testing", false),
        ("/test", "/test", true),
        ("/test", "/test/", false),
        ("/test", "/Test", false),
        ("/**/edit", "/posts/1/edit", true),
        ("/**/edit", "/posts/1/edit/x", false),
        ("/a*b*c", "/abc", true),
        ("/a*b*c", "/a-c-b-c", true),
        ("/a*b*c", "/ac", false),
        ("/a*a", "/a", false),
        ("/a*a", "/aa", true),
        ("*", "", true),
        ("**", "/anything", true),
        ("/admin**", "/admin", true),
        ("*.example.com", "subdomain.example.com", true),
        ("*.example.com", "example.com", false),
        ("*example.com", "example.com", true),
        ("*example.com", "sub.example.com", true),
        ("*example.com", "example.com.pl", false),
        ("example.com", "example.com", true),
        ("/ü/*", "/ü/ß", true),
        ("/x.y", "/xzy", false),
    ])
    func matches(pattern: String, text: String, expected: Bool) {
        #expect(ShieldGlob(pattern).matches(text) == expected)
    }
}
