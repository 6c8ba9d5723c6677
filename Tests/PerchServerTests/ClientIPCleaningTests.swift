import Testing

@testable import PerchServer

/// `ClientIPResolver.clean` reads ASCII values as bytes; these compare it with the Character-wise
/// rules it had before (`referenceClean`, kept verbatim) on awkward hop values.
@Suite struct ClientIPCleaningTests {
    /// `clean` as it was: Characters throughout.
    static func referenceClean<S: StringProtocol>(_ raw: S) -> String {
        var value = raw.trimmingASCIIWhitespace()
        if value.hasPrefix("["), let close = value.firstIndex(of: "]") {
            return String(value[value.index(after: value.startIndex)..<close])
        }
        if let colon = value.lastIndex(of: ":"), value.firstIndex(of: ":") == colon,
            value[..<colon].allSatisfy({ $0.isNumber || $0 == "." })
        {
            value = String(value[..<colon])
        }
        return value
    }

    static let values = [
        "", " ", "10.0.0.1", " 10.0.0.1 ", "10.0.0.1:8080", "10.0.0.1:", ":80", "::1", "[::1]", "[::1]:443",
        "[2001:db8::1]", "[2001:db8::1", "2001:db8::1", "host:80", "1.2.3:4:5", "\t203.0.113.7\r\n", "[]", "[x]y]",
        "unknown", "1.2.3.4 :80", "１２.３:80", "٣.٤:80", "10.0.0.1\r\n:80", "10.0.0.1\r:80", "é:80", "[é]",
        "1.2.3.4:\u{301}", "[\u{301}::1]", "12.34:x", "\"1.2.3.4\"", "1.2.3.4,5.6.7.8",
    ]

    @Test(arguments: values)
    func cleansAsTheCharacterWiseRulesDid(value: String) {
        #expect(ClientIPResolver.clean(value) == Self.referenceClean(value))
        #expect(ClientIPResolver.clean(value[...]) == Self.referenceClean(value[...]))
    }

    @Test func portsAndBracketsComeOff() {
        #expect(ClientIPResolver.clean(" 203.0.113.7:5000 ") == "203.0.113.7")
        #expect(ClientIPResolver.clean("[2001:db8::1]:443") == "2001:db8::1")
        #expect(ClientIPResolver.clean("2001:db8::1") == "2001:db8::1")
    }
}
