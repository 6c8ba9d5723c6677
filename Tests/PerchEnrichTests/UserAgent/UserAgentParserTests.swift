import PerchCore
import PerchEnrich
import Testing

/// Table tests of `UserAgentParser` against §11 and Matomo's naming (hand-written UAs, not corpus rows).
@Suite("User-agent parser")
struct UserAgentParserTests {
    let parser = UserAgentParser()

    struct Case: Sendable, CustomTestStringConvertible {
        let ua: String
        let expected: UserAgentDetails
        var testDescription: String { "\(expected.browser) on \(expected.operatingSystem)" }
    }

    static let cases: [Case] = [
        // The spec's example (Plausible's "parses user_agent" test).
        Case(
            ua: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_13_4) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/70.0.3538.110 Safari/537.36",
            expected: .init(
                browser: "Chrome", browserVersion: "70.0", operatingSystem: "Mac",
                operatingSystemVersion: "10.13", screenSize: "Desktop")),
        Case(
            ua: "Mozilla/5.0 (iPhone; CPU iPhone OS 16_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                + "Version/16.5.1 Mobile/15E148 Safari/604.1",
            expected: .init(
                browser: "Safari", browserVersion: "16.5", operatingSystem: "iOS",
                operatingSystemVersion: "16.5", screenSize: "Mobile")),
        Case(
            ua: "Mozilla/5.0 (iPad; CPU OS 12_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                + "CriOS/90.0.4430.78 Mobile/15E148 Safari/604.1",
            expected: .init(
                browser: "Chrome", browserVersion: "90.0", operatingSystem: "iOS",
                operatingSystemVersion: "12.4", screenSize: "Tablet")),
        Case(
            ua: "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/118.0.5993.111 Mobile Safari/537.36",
            expected: .init(
                browser: "Chrome", browserVersion: "118.0", operatingSystem: "Android",
                operatingSystemVersion: "13", screenSize: "Mobile")),
        Case(
            ua: "Mozilla/5.0 (Linux; Android 12; Lenovo TB-J606F) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/112.0.0.0 Safari/537.36",
            expected: .init(
                browser: "Chrome", browserVersion: "112.0", operatingSystem: "Android",
                operatingSystemVersion: "12", screenSize: "Tablet")),
        Case(
            ua: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/119.0.0.0 Safari/537.36 Edg/119.0.2151.58",
            expected: .init(
                browser: "Microsoft Edge", browserVersion: "119.0", operatingSystem: "Windows",
                operatingSystemVersion: "10", screenSize: "Desktop")),
        Case(
            ua: "Mozilla/5.0 (Windows NT 6.1; WOW64; Trident/7.0; rv:11.0) like Gecko",
            expected: .init(
                browser: "Internet Explorer", browserVersion: "11.0", operatingSystem: "Windows",
                operatingSystemVersion: "7", screenSize: "Desktop")),
        Case(
            ua: "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/115.0",
            expected: .init(
                browser: "Firefox", browserVersion: "115.0", operatingSystem: "Ubuntu",
                operatingSystemVersion: "", screenSize: "Desktop")),
        Case(
            ua: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 "
                + "Safari/537.36 OPR/105.0.0.0",
            expected: .init(
                browser: "Opera", browserVersion: "105.0", operatingSystem: "GNU/Linux",
                operatingSystemVersion: "", screenSize: "Desktop")),
        Case(
            ua: "Mozilla/5.0 (Linux; Android 10; SM-G960F) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36",
            expected: .init(
                browser: "Samsung Browser", browserVersion: "23.0", operatingSystem: "Android",
                operatingSystemVersion: "10", screenSize: "Mobile")),
        Case(
            ua: "Mozilla/5.0 (Linux; Android 11; M2101K6G Build/RKQ1.200826.002; wv) AppleWebKit/537.36 "
                + "(KHTML, like Gecko) Version/4.0 Chrome/116.0.5845.163 Mobile Safari/537.36",
            expected: .init(
                browser: "Mobile App", browserVersion: "", operatingSystem: "Android",
                operatingSystemVersion: "11", screenSize: "Mobile")),
        Case(
            ua: "Mozilla/5.0 (Android 13; Mobile; rv:120.0) Gecko/120.0 Firefox/120.0",
            expected: .init(
                browser: "Firefox", browserVersion: "120.0", operatingSystem: "Android",
                operatingSystemVersion: "13", screenSize: "Mobile")),
        Case(
            ua: "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/116.0.0.0 Safari/537.36",
            expected: .init(
                browser: "Chrome", browserVersion: "116.0", operatingSystem: "Chrome OS",
                operatingSystemVersion: "14541.0", screenSize: "Desktop")),
        Case(
            ua: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                + "Version/17.1 Safari/605.1.15",
            expected: .init(
                browser: "Safari", browserVersion: "17.1", operatingSystem: "Mac",
                operatingSystemVersion: "10.15", screenSize: "Desktop")),
        Case(
            ua: "Mozilla/5.0 (Windows NT 6.3; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/109.0.0.0 YaBrowser/23.1.5.708 Yowser/2.5 Safari/537.36",
            expected: .init(
                browser: "Yandex Browser", browserVersion: "23.1", operatingSystem: "Windows",
                operatingSystemVersion: "8.1", screenSize: "Desktop")),
        Case(
            ua: "Mozilla/5.0 (SMART-TV; Linux; Tizen 6.0) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "SamsungBrowser/4.0 Chrome/76.0.3809.146 TV Safari/537.36",
            expected: .init(
                browser: "Samsung Browser", browserVersion: "4.0", operatingSystem: "Tizen",
                operatingSystemVersion: "6.0", screenSize: "Desktop")),
        Case(
            ua: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                + "Mobile/15E148 Instagram 305.0.0.21.109",
            expected: .init(
                browser: "Mobile App", browserVersion: "", operatingSystem: "iOS",
                operatingSystemVersion: "17.1", screenSize: "Mobile")),
        Case(
            ua: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/119.0.0.0 "
                + "Safari/537.36",
            expected: .init(
                browser: "Headless Chrome", browserVersion: "119.0", operatingSystem: "GNU/Linux",
                operatingSystemVersion: "", screenSize: "Desktop")),
    ]

    @Test(arguments: cases)
    func parsesKnownUserAgents(_ testCase: Case) {
        #expect(parser.parse(testCase.ua) == testCase.expected)
    }

    @Test(arguments: ["", " ", "garbage", "()", "(((;;;", "/////", "Mozilla/5.0", "curl/8.4.0 ()"])
    func unrecognisableInputIsAllEmpty(_ ua: String) {
        #expect(parser.parse(ua) == .unknown)
    }

    @Test func neverCrashesOnArbitraryBytes() {
        var generator = SplitMix64(seed: 0x5eed)
        let alphabet = Array("()/;, .:_-[]Mozilla Android Windows NT CPU OS iPhone Chrome Safari 0123456789".utf8)
        for length in 0..<400 {
            var bytes = [UInt8]()
            for _ in 0..<(length % 200) {
                let roll = generator.next()
                bytes.append(
                    roll % 4 == 0
                        ? UInt8(truncatingIfNeeded: roll >> 8)
                        : alphabet[Int((roll >> 8) % UInt64(alphabet.count))])
            }
            let details = parser.parse(String(decoding: bytes, as: UTF8.self))
            #expect(details.browserVersion.count <= 200)
        }
    }

    @Test func versionsKeepTwoComponents() {
        let details = parser.parse("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0.1")
        #expect(details.browserVersion == "121.0")
        #expect(details.operatingSystemVersion == "10")
    }

    @Test func bridgedNonContiguousStringsParseTheSame() {
        let ua =
            "Mozilla/5.0 (Linux; Android 9; SM-T510) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/119.0.0.0 Safari/537.36"
        let sliced = String(("xx" + ua + "yy").dropFirst(2).dropLast(2))
        #expect(parser.parse(sliced) == parser.parse(ua))
        #expect(parser.parse(ua).screenSize == "Tablet")
    }
}
