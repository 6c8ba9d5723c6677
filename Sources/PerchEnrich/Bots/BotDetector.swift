/// Decides whether a User-Agent belongs to a bot, the way Plausible drops events (§7.1: Matomo
/// device-detector's bot list and the `Headless Chrome` client) and further: HTTP client
/// libraries, uptime and synthetic monitors, SEO and security scanners, AI crawlers and agents.
/// A missing or empty User-Agent is not a bot.
///
/// No regular expressions: one pass of an Aho–Corasick DFA over the UA bytes (ASCII
/// case-folded on the fly) finds candidate needles, and each hit is confirmed by cheap context
/// checks (`BotPattern`). The automaton is built once in `init`; share one detector.
package struct BotDetector: Sendable {
    private let patterns: [BotPattern]
    private let matcher: BotNeedleMatcher

    package init() {
        self.init(patterns: BotPatterns.all)
    }

    init(patterns: [BotPattern]) {
        self.patterns = patterns
        self.matcher = BotNeedleMatcher(needles: patterns.map(\.needle))
    }

    /// Whether `userAgent` is a bot's.
    package func isBot(_ userAgent: String) -> Bool {
        var userAgent = userAgent
        return userAgent.withUTF8 { match(in: $0) != nil }
    }

    /// Whether the User-Agent given as raw bytes (any encoding; only ASCII is case-folded) is a
    /// bot's. For callers that hold the header bytes and want to skip building a `String`.
    package func isBot(utf8 userAgent: UnsafeBufferPointer<UInt8>) -> Bool {
        match(in: userAgent) != nil
    }

    /// The word of `userAgent` that gave the bot away (`Googlebot`, `curl`, `HeadlessChrome`,
    /// …), or nil when it is not a bot. Meant for logs and drop statistics, not for display.
    package func botName(_ userAgent: String) -> String? {
        var userAgent = userAgent
        return userAgent.withUTF8 { bytes -> String? in
            guard let hit = match(in: bytes) else { return nil }
            let needle = patterns[hit.needle].needle
            let range = Self.word(around: hit.end - needle.count, in: bytes) ?? (hit.end - needle.count)..<hit.end
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
    }

    private func match(in bytes: UnsafeBufferPointer<UInt8>) -> (needle: Int, end: Int)? {
        patterns.withUnsafeBufferPointer { patterns in
            matcher.firstMatch(in: bytes) { needle, end in patterns[needle].accepts(bytes, end: end) }
        }
    }

    /// The run of name characters (letters, digits, `-`, `_`, `.`) containing `offset`.
    private static func word(around offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        func isNameByte(_ byte: UInt8) -> Bool {
            BotPattern.isAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: ".")
        }
        guard offset < bytes.count, isNameByte(bytes[offset]) else { return nil }
        var lower = offset
        while lower > 0 && isNameByte(bytes[lower - 1]) { lower -= 1 }
        var upper = offset + 1
        while upper < bytes.count && isNameByte(bytes[upper]) { upper += 1 }
        return lower..<upper
    }
}
