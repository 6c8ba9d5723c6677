import PerchCore
import Testing

@testable import PerchEnrich

@Suite("BotDetector")
struct BotDetectorTests {
    let detector = BotDetector()

    @Test(
        "bots, crawlers, HTTP libraries, monitors and AI agents are bots",
        arguments: [
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0.0.0 "
                + "Safari/537.36",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Headless Chrome/99",
            "curl/8.7.1",
            "Wget/1.24.5",
            "python-requests/2.32.3",
            "Python-urllib/3.12",
            "Go-http-client/1.1",
            "okhttp/4.12.0",
            "Java/21.0.3",
            "libwww-perl/6.77",
            "axios/1.7.2",
            "node-fetch/1.0 (+https://github.com/bitinn/node-fetch)",
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
            "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)",
            "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; ClaudeBot/1.0; +claudebot@anthropic.com)",
            "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; PerplexityBot/1.0)",
            "CCBot/2.0 (https://commoncrawl.org/faq/)",
            "Mozilla/5.0 (Linux; Android 5.0) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 "
                + "(compatible; Bytespider; spider-feedback@bytedance.com)",
            "Mozilla/5.0 (compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)",
            "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
            "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
            "Mozilla/5.0 (compatible; Yahoo! Slurp; http://help.yahoo.com/help/us/ysearch/slurp)",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/124.0.0.0 Safari/537.36 Chrome-Lighthouse",
            "Mozilla/5.0 (compatible; YandexMetrika/2.0; +http://yandex.com/bots)",
            "GOOGLEBOT/2.1",
            "WhatsApp/2.24.12.78 A",
            "Plausible Verification Agent - if abused, contact support@plausible.io",
            "Plausible Community Edition",
        ]
    )
    func bots(userAgent: String) {
        #expect(detector.isBot(userAgent))
        #expect(detector.botName(userAgent) != nil)
    }

    @Test(
        "browsers, in-app browsers and look-alike device names are not bots",
        arguments: [
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 "
                + "Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 "
                + "Safari/605.1.15",
            "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                + "Version/17.5 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 "
                + "Safari/537.36 Edg/126.0.2592.68",
            "Mozilla/5.0 (Linux; Android 10; CUBOT X30) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/125.0.0.0 Mobile Safari/537.36",
            "Mozilla/5.0 (Linux; Android 11; KINGKONG 5 Pro Build/RP1A) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/120.0.0.0 Mobile Safari/537.36 YaBrowser/24.1.2.86.00 SA/3",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                + "GSA/314.0.630947166 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                + "Mobile/15E148 [FBAN/FBIOS;FBAV/466.0.0.41.103;FBBV/590155398;FBDV/iPhone15,2;FBMD/iPhone]",
            "Opera/9.80 (Windows NT 6.1; U; en) Presto/2.10.289 Version/12.02",
            "",
            " ",
            "-",
        ]
    )
    func notBots(userAgent: String) {
        #expect(!detector.isBot(userAgent))
        #expect(detector.botName(userAgent) == nil)
    }

    @Test(
        "the bot name is the word that gave the bot away",
        arguments: [
            ("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "Googlebot"),
            ("curl/8.7.1", "curl"),
            ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/126.0.0.0", "HeadlessChrome"),
            ("python-requests/2.32.3", "python-requests"),
        ]
    )
    func botName(userAgent: String, name: String) {
        #expect(detector.botName(userAgent) == name)
    }

    @Test("the byte and String entry points agree, and arbitrary bytes never crash")
    func arbitraryBytes() {
        var generator = SplitMix64(seed: 0x5EED_B075)
        for round in 0..<2_000 {
            let length = Int(generator.next() % 300)
            var bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            if round.isMultiple(of: 3) {
                // Splice a needle into noise so the guard checks run at the buffer edges too.
                let needle = Array(["bot", "curl/", "spider", "^java", "HeadlessChrome"][round % 5].utf8)
                bytes.insert(contentsOf: needle, at: length == 0 ? 0 : Int(generator.next() % UInt64(length)))
            }
            let viaBytes = bytes.withUnsafeBufferPointer { detector.isBot(utf8: $0) }
            if bytes.allSatisfy({ $0 < 0x80 }) {
                #expect(viaBytes == detector.isBot(String(decoding: bytes, as: UTF8.self)))
            } else {
                _ = detector.isBot(String(decoding: bytes, as: UTF8.self))
                _ = detector.botName(String(decoding: bytes, as: UTF8.self))
            }
        }
    }
}
