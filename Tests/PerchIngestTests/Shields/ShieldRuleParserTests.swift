import PerchCore
import Testing

@testable import PerchIngest

/// What `perch shields add` accepts, and the one text each rule is stored in.
@Suite struct ShieldRuleParserTests {
    @Test(arguments: [
        ("203.0.113.7", "203.0.113.7"),
        (" 203.0.113.7 ", "203.0.113.7"),
        ("203.0.113.7/32", "203.0.113.7"),
        ("10.0.0.0/8", "10.0.0.0/8"),
        ("0.0.0.0/0", "0.0.0.0/0"),
        ("2001:DB8:0:0:0:0:0:1", "2001:db8::1"),
        ("2001:db8::1/128", "2001:db8::1"),
        ("2001:0db8:0000::/32", "2001:db8::/32"),
        ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
        ("2001:db8:1:1:1:1:1:0", "2001:db8:1:1:1:1:1:0"),
        ("0:0:0:0:0:0:0:0", "::"),
        ("::ffff:198.51.100.1", "198.51.100.1"),
        ("::ffff:198.51.100.0/120", "198.51.100.0/24"),
    ])
    func ipRulesAreNormalised(text: String, stored: String) throws {
        #expect(try ShieldRuleParser.rule(kind: .ip, text: text) == ShieldRule(kind: .ip, value: stored))
    }

    @Test(arguments: ["", "example.com", "203.0.113", "203.0.113.7/33", "2001:db8::/129", "10.0.0.0/x", "10.0.0.0/"])
    func invalidIPsAreRefused(text: String) {
        #expect(throws: ShieldError.invalidIP(text)) { try ShieldRuleParser.rule(kind: .ip, text: text) }
    }

    @Test func hostBitsPastThePrefixSuggestTheNetwork() {
        #expect(throws: ShieldError.hostBitsSet("10.1.2.3/8", network: "10.0.0.0/8")) {
            try ShieldRuleParser.rule(kind: .ip, text: "10.1.2.3/8")
        }
        #expect(throws: ShieldError.hostBitsSet("2001:db8::1/64", network: "2001:db8::/64")) {
            try ShieldRuleParser.rule(kind: .ip, text: "2001:db8::1/64")
        }
    }

    @Test func countriesAreKnownCodesUppercased() throws {
        #expect(try ShieldRuleParser.rule(kind: .country, text: "ee").value == "EE")
        #expect(try ShieldRuleParser.rule(kind: .country, text: "XK").value == "XK")
        for text in ["ZZ", "E", "EST", "", "A1"] {
            #expect(throws: ShieldError.unknownCountry(text)) { try ShieldRuleParser.rule(kind: .country, text: text) }
        }
        #expect(ShieldCountryCodes.known.count == 250)
    }

    @Test func pagesStartWithASlashAndAreAtMost250Characters() throws {
        #expect(try ShieldRuleParser.rule(kind: .page, text: "/admin/**").value == "/admin/**")
        #expect(throws: ShieldError.pageWithoutLeadingSlash("admin")) {
            try ShieldRuleParser.rule(kind: .page, text: "admin")
        }
        let longest = "/" + String(repeating: "a", count: 249)
        #expect(try ShieldRuleParser.rule(kind: .page, text: longest).value == longest)
        #expect(throws: ShieldError.patternTooLong(.page)) {
            try ShieldRuleParser.rule(kind: .page, text: longest + "a")
        }
        #expect(throws: ShieldError.emptyPattern(.page)) { try ShieldRuleParser.rule(kind: .page, text: " ") }
    }

    @Test func hostnamesAreAnyPatternUpTo250Characters() throws {
        #expect(try ShieldRuleParser.rule(kind: .hostname, text: "*.example.com").value == "*.example.com")
        #expect(throws: ShieldError.patternTooLong(.hostname)) {
            try ShieldRuleParser.rule(kind: .hostname, text: String(repeating: "a", count: 251))
        }
    }

    @Test func limitsPerKind() {
        #expect(ShieldRule.Kind.allCases.map(\.maxRules) == [30, 30, 30, 10])
    }
}
