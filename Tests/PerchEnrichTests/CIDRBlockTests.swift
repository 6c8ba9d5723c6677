import PerchEnrich
import Testing

/// CIDR blocks as `--trusted-proxy` takes them.
@Suite struct CIDRBlockTests {
    @Test(arguments: [
        ("10.0.0.0/8", "10.255.1.2", true),
        ("10.0.0.0/8", "11.0.0.1", false),
        ("10.0.0.0/8", "::ffff:10.1.2.3", true),
        ("192.168.1.7", "192.168.1.7", true),
        ("192.168.1.7", "192.168.1.8", false),
        ("0.0.0.0/0", "8.8.8.8", true),
        ("0.0.0.0/0", "2001:db8::1", false),
        ("2001:db8::/32", "2001:db8:ffff::1", true),
        ("2001:db8::/32", "2001:db9::1", false),
        ("::1", "::1", true),
        ("::/0", "2001:db8::1", true),
        ("127.0.0.0/8", "127.8.9.10", true),
    ])
    func contains(block: String, address: String, expected: Bool) throws {
        let cidr = try #require(CIDRBlock(block))
        let ip = try #require(IPAddress(address))
        #expect(cidr.contains(ip) == expected)
    }

    @Test(arguments: [
        "", "10.0.0.0/33", "10.0.0.1/8", "10.0.0.0/-1", "10.0.0.0/8/8", "banana", "2001:db8::/129", "::1/",
    ])
    func rejects(_ text: String) {
        #expect(CIDRBlock(text) == nil)
    }
}
