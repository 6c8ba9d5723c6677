import PerchCore
import Testing

@testable import PerchEnrich

@Suite("BotNeedleMatcher and BotPattern")
struct BotNeedleMatcherTests {
    /// Every (needle, end) occurrence, collected by rejecting them all.
    private func occurrences(_ matcher: BotNeedleMatcher, in text: [UInt8]) -> Set<[Int]> {
        var found: Set<[Int]> = []
        let first = text.withUnsafeBufferPointer { bytes in
            matcher.firstMatch(in: bytes) { needle, end in
                found.insert([needle, end])
                return false
            }
        }
        #expect(first == nil)
        return found
    }

    private func naiveOccurrences(_ needles: [[UInt8]], in text: [UInt8]) -> Set<[Int]> {
        let lowered = text.map { BotPattern.lowered($0) }
        var found: Set<[Int]> = []
        for (index, needle) in needles.enumerated() where needle.count <= lowered.count {
            for start in 0...(lowered.count - needle.count)
            where Array(lowered[start..<start + needle.count]) == needle {
                found.insert([index, start + needle.count])
            }
        }
        return found
    }

    @Test("finds exactly the occurrences a naive search finds, overlapping and nested ones included")
    func agreesWithNaiveSearch() {
        var random = SplitMix64(seed: 42)
        let alphabet = Array("abAB-/ ".utf8)
        for _ in 0..<200 {
            let needles = (0..<(1 + Int(random.next() % 12))).map { _ in
                (0..<(1 + Int(random.next() % 5))).map { _ in
                    BotPattern.lowered(alphabet[Int(random.next() % UInt64(alphabet.count))])
                }
            }
            let matcher = BotNeedleMatcher(needles: needles)
            let text = (0..<Int(random.next() % 60)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            #expect(occurrences(matcher, in: text) == naiveOccurrences(needles, in: text))
        }
    }

    @Test("the first accepted occurrence wins and ASCII case is folded")
    func firstAccepted() {
        let matcher = BotNeedleMatcher(needles: [Array("bot".utf8), Array("crawler".utf8)])
        let text = Array("MyCRAWLER and Bot".utf8)
        let first = text.withUnsafeBufferPointer { bytes in matcher.firstMatch(in: bytes) { _, _ in true } }
        #expect(first?.needle == 1)
        #expect(first?.end == 9)
        let skipped = text.withUnsafeBufferPointer { bytes in
            matcher.firstMatch(in: bytes) { needle, _ in needle == 0 }
        }
        #expect(skipped?.end == text.count)
    }

    @Test(
        "the compact notation's guards",
        arguments: [
            ("|curl/", "curl/8.0", true),
            ("|curl/", "libcurl/8.0", false),
            ("^java/", "Java/17", true),
            ("^java/", "Foo Java/17", false),
            ("^chrome$", "Chrome", true),
            ("^chrome$", "Chrome/1", false),
            ("crawler|", "MyCrawler/1.0", true),
            ("crawler|", "Crawlers", false),
        ]
    )
    func guards(spec: String, text: String, accepted: Bool) {
        let detector = BotDetector(patterns: [BotPattern(spec)])
        #expect(detector.isBot(text) == accepted)
    }

    /// Alone, without the named tables: `node-fetch` is left to the HTTP-library needles.
    @Test(
        "generic keywords keep Matomo's exceptions",
        arguments: [
            ("Mozilla/5.0 (Linux; Android 9; CUBOT KING KONG) Chrome/120 Mobile", false),
            ("HuBot/1.0", false),
            ("Bot 55 phone", false),
            ("ExampleBot/1.0", true),
            ("a spider 8 tablet", false),
            ("some-spider/2", true),
            ("node-fetch/1.0", false),
            ("MyFetcher/1.0", true),
        ]
    )
    func genericExceptions(text: String, isBot: Bool) {
        #expect(BotDetector(patterns: BotPatterns.generic).isBot(text) == isBot)
    }
}
