import Foundation
import Testing

/// `perch ua parse`: one JSON object per input line, in order, with exactly Plausible's device keys
/// plus `bot` (issue contract), for browsers, bots, empty lines and garbage alike.
@Suite struct UserAgentParseCommandTests {
    static let keys: Set<String> = [
        "browser", "browser_version", "operating_system", "operating_system_version", "screen_size", "bot",
    ]

    func parse(_ input: String) throws -> (status: Int32, lines: [[String: Any]]) {
        let (status, data) = try PerchProcess.run(["ua", "parse"], input: input)
        let lines = try String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .dropLast()
            .map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        return (status, lines)
    }

    @Test func oneObjectPerLineInOrder() throws {
        let input =
            [
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_13_4) AppleWebKit/537.36 (KHTML, like Gecko) "
                    + "Chrome/70.0.3538.110 Safari/537.36",
                "",
                "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                    + "Version/17.4 Mobile/15E148 Safari/604.1",
                "\u{1}\u{7f}garbage \"quoted\" \\ back",
            ].joined(separator: "\n") + "\n"
        let (status, lines) = try parse(input)
        #expect(status == 0)
        try #require(lines.count == 5)
        for line in lines { #expect(Set(line.keys) == Self.keys) }
        #expect(lines[0]["browser"] as? String == "Chrome")
        #expect(lines[0]["browser_version"] as? String == "70.0")
        #expect(lines[0]["operating_system"] as? String == "Mac")
        #expect(lines[0]["operating_system_version"] as? String == "10.13")
        #expect(lines[0]["screen_size"] as? String == "Desktop")
        #expect(lines[0]["bot"] as? Bool == false)
        #expect(lines[1]["browser"] as? String == "" && lines[1]["bot"] as? Bool == false)
        #expect(lines[2]["bot"] as? Bool == true)
        #expect(lines[3]["browser"] as? String == "Safari" && lines[3]["screen_size"] as? String == "Mobile")
        #expect(lines[3]["operating_system"] as? String == "iOS")
        #expect(lines[4]["bot"] as? Bool == false)
    }
}
