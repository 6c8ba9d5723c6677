import PerchEnrich
import Testing

struct IPAddressTests {
    @Test(arguments: [
        ("1.2.3.4", "00000000000000000000ffff01020304", IPAddress.Family.v4),
        ("0.0.0.0", "00000000000000000000ffff00000000", .v4),
        ("255.255.255.255", "00000000000000000000ffffffffffff", .v4),
        ("::", "00000000000000000000000000000000", .v6),
        ("::1", "00000000000000000000000000000001", .v6),
        ("1::", "00010000000000000000000000000000", .v6),
        ("2001:db8::8a2e:370:7334", "20010db80000000000008a2e03707334", .v6),
        ("2001:DB8:0:0:0:0:0:1", "20010db8000000000000000000000001", .v6),
        ("1:2:3:4:5:6:7::", "00010002000300040005000600070000", .v6),
        ("::2:3:4:5:6:7:8", "00000002000300040005000600070008", .v6),
        ("::ffff:1.2.3.4", "00000000000000000000ffff01020304", .v6),
        ("64:ff9b::192.0.2.33", "0064ff9b0000000000000000c0000221", .v6),
        ("1:2:3:4:5:6:1.2.3.4", "00010002000300040005000601020304", .v6),
    ])
    func parsesValid(text: String, hex: String, family: IPAddress.Family) throws {
        let address = try #require(IPAddress(text))
        #expect(address.bytes.map { String($0 >> 4, radix: 16) + String($0 & 15, radix: 16) }.joined() == hex)
        #expect(address.family == family)
    }

    @Test(arguments: [
        "", "1", "1.2.3", "1.2.3.4.5", "1.2.3.256", "01.2.3.4", "1.2.3.", ".1.2.3", "1..2.3", "1.2.3.4 ",
        " 1.2.3.4", "a.b.c.d", "1.2.3.-4", ":", ":::", "1:::2", "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9",
        "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8", "fe80::1%eth0", "1:", ":1", "1::2:",
        "g::1", "::ffff:1.2.3", "::1.2.3.4:1", "1:2:3:4:5:6:7:1.2.3.4", "[::1]", "::ffff:256.1.1.1",
    ])
    func rejectsInvalid(text: String) {
        #expect(IPAddress(text) == nil)
    }

    @Test func ipv4MappedDetection() throws {
        #expect(try #require(IPAddress("::ffff:10.0.0.1")).isIPv4Mapped)
        #expect(try #require(IPAddress("10.0.0.1")).ipv4Value == 0x0A00_0001)
        #expect(try !#require(IPAddress("::10.0.0.1")).isIPv4Mapped)
    }
}
