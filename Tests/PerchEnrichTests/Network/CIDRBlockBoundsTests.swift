import PerchEnrich
import Testing

@Suite struct CIDRBlockBoundsTests {
    @Test(arguments: [
        ("192.0.2.77/24", "192.0.2.0/24"),
        ("10.1.2.3/8", "10.0.0.0/8"),
        ("2001:db8::1/32", "2001:db8::/32"),
        ("1.2.3.4/0", "0.0.0.0/0"),
        ("192.0.2.0/24", "192.0.2.0/24"),
    ])
    func maskingClearsHostBits(text: String, expected: String) throws {
        let block = try #require(CIDRBlock.clearingHostBits(text))
        #expect(block == CIDRBlock(expected))
    }

    @Test(arguments: ["banana", "192.0.2.0/33", "192.0.2.0/", "/24", "2001:db8::/200"])
    func maskingStillRefusesNonsense(text: String) {
        #expect(CIDRBlock.clearingHostBits(text) == nil)
    }

    @Test(arguments: [
        ("::", "::"), ("2001:db8::1", "2001:db8::1"), ("2001:0db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
        ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"), ("fe80::", "fe80::"), ("::ffff:1.2.3.4", "::ffff:102:304"),
        ("1.2.3.4", "1.2.3.4"), ("0.0.0.0", "0.0.0.0"),
    ])
    func canonicalText(text: String, expected: String) throws {
        #expect(try #require(IPAddress(text)).canonicalText == expected)
    }
}
