import PerchEnrich
import Testing

@Suite struct IPRangeTableTests {
    static let sample = """
        # datacenter ranges, test fixture
        10.0.0.0/8
        192.0.2.0/25   # trailing comment
        192.0.2.128/25
        198.51.100.7
        2001:db8::/32
        2001:db9::/48
        """

    @Test(arguments: [
        ("10.0.0.0", true), ("10.255.255.255", true), ("9.255.255.255", false), ("11.0.0.0", false),
        ("192.0.2.0", true), ("192.0.2.127", true), ("192.0.2.128", true), ("192.0.2.255", true),
        ("192.0.3.0", false), ("198.51.100.7", true), ("198.51.100.6", false), ("198.51.100.8", false),
        ("::ffff:10.1.2.3", true), ("2001:db8::", true), ("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", true),
        ("2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", false), ("2001:db9::1", true), ("2001:db9:1::", false),
        ("::1", false), ("0.0.0.0", false), ("255.255.255.255", false),
    ])
    func lookup(address: String, expected: Bool) throws {
        let table = try IPRangeTable(text: Self.sample)
        #expect(table.contains(try #require(IPAddress(address))) == expected)
    }

    @Test func mergesAdjacentAndOverlappingRanges() throws {
        let table = try IPRangeTable(text: Self.sample)
        #expect(table.entryCount == 6)
        // The two /25 halves merge into one range, and so do 2001:db8::/32 and the 2001:db9::/48 after it.
        #expect(table.rangeCount == 4)
        let nested = try IPRangeTable(text: "10.0.0.0/8\n10.1.0.0/16\n10.0.0.1\n11.0.0.0/8\n")
        #expect(nested.rangeCount == 1)
        #expect(nested.minimalBlocks.map(\.description) == ["10.0.0.0/7"])
    }

    @Test func extremesOfTheAddressSpace() throws {
        let all4 = try IPRangeTable(text: "0.0.0.0/0")
        #expect(all4.contains(IPAddress("0.0.0.0")!))
        #expect(all4.contains(IPAddress("255.255.255.255")!))
        #expect(!all4.contains(IPAddress("2001:db8::1")!))
        #expect(all4.minimalBlocks.map(\.description) == ["0.0.0.0/0"])
        let all6 = try IPRangeTable(text: "::/0")
        #expect(all6.contains(IPAddress("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")!))
        // An IPv6 block covering ::ffff:0:0/96 covers IPv4 addresses too, as CIDRBlock does.
        #expect(all6.contains(IPAddress("8.8.8.8")!))
        #expect(all6.minimalBlocks.map(\.description) == ["0.0.0.0/0", "::/0"])
        let top = try IPRangeTable(text: "255.255.255.255\nffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128")
        #expect(top.contains(IPAddress("255.255.255.255")!))
        #expect(!top.contains(IPAddress("255.255.255.254")!))
        #expect(top.contains(IPAddress("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")!))
    }

    @Test func canonicalTextRoundTrips() throws {
        let table = try IPRangeTable(text: "192.0.2.1\n192.0.2.2/31\n192.0.2.4/30\n2001:db8:0:0:1::/80\n")
        let text = table.canonicalText(header: ["origin: test"])
        #expect(
            text == "# origin: test\n# entries: 4\n192.0.2.1/32\n192.0.2.2/31\n192.0.2.4/30\n2001:db8:0:0:1::/80\n"
        )
        let reloaded = try IPRangeTable(text: text)
        #expect(reloaded.minimalBlocks == table.minimalBlocks)
        #expect(reloaded.entryCount == 4)
    }

    @Test(arguments: [
        ("10.0.0.0/8\n10.0.0.1/8\n", 2),
        ("# header\n\n192.0.2.0/24\nbanana\n", 4),
        ("192.0.2.0/33", 1),
        ("2001:db8::/129", 1),
        ("192.0.2.0/24\r\n192.0.2\r\n", 2),
    ])
    func refusesMalformedLinesWithTheirNumber(text: String, line: Int) {
        #expect {
            try IPRangeTable(text: text, source: "ranges.txt")
        } throws: { error in
            (error as? DatasetError)?.message.hasPrefix("ranges.txt line \(line): ") == true
        }
    }

    @Test(arguments: ["", "# only a comment\n\n", "   \n"])
    func refusesAFileWithoutRanges(text: String) {
        #expect(throws: DatasetError.self) { try IPRangeTable(text: text) }
    }

    @Test func refusesAFileShorterThanItsHeaderDeclares() throws {
        let full = try IPRangeTable(text: "10.0.0.0/8\n192.0.2.0/24\n").canonicalText()
        let truncated = String(full.split(separator: "\n").dropLast().joined(separator: "\n")) + "\n"
        #expect(throws: DatasetError("datacenter-ranges.txt is incomplete: its header declares 2 entries, it holds 1"))
        {
            try IPRangeTable(text: truncated)
        }
    }

    @Test func acceptsCRLFLineEnds() throws {
        let table = try IPRangeTable(text: "10.0.0.0/8\r\n2001:db8::/32\r\n")
        #expect(table.contains(IPAddress("10.9.9.9")!))
        #expect(table.contains(IPAddress("2001:db8::5")!))
    }
}
