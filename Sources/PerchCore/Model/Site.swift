/// A site Perch accepts events for.
package struct Site: Sendable, Hashable {
    package var id: Int64
    /// Lowercased, without a leading `www.`.
    package var domain: String
    /// IANA time zone name, `UTC` by default.
    package var timezone: String
    package var rateLimit: RateLimit
    /// Opt-in: responses tell the client why this site's events were dropped
    /// (`x-perch-drop-reason`), for debugging an integration. Off by default, as Plausible says nothing.
    package var debugDrops: Bool
    /// The currency of each revenue goal (`perch goals add D --event NAME --currency CUR`), by the
    /// goal's event name: an event stores revenue only when its name is here (spec §4.6).
    package var revenueGoals: [String: String]

    package init(
        id: Int64, domain: String, timezone: String = "UTC", rateLimit: RateLimit = .default, debugDrops: Bool = false,
        revenueGoals: [String: String] = [:]
    ) {
        self.id = id
        self.domain = domain
        self.timezone = timezone
        self.rateLimit = rateLimit
        self.debugDrops = debugDrops
        self.revenueGoals = revenueGoals
    }
}

/// A site's ingestion limit: a token bucket refilled at `eventsPerMinute` holding at most `burst`.
/// `eventsPerMinute == nil` means unlimited.
package struct RateLimit: Sendable, Hashable {
    package var eventsPerMinute: Int?
    package var burst: Int

    package init(eventsPerMinute: Int?, burst: Int) {
        self.eventsPerMinute = eventsPerMinute
        self.burst = burst
    }

    package static let `default` = RateLimit(eventsPerMinute: 600, burst: 120)
    package static let unlimited = RateLimit(eventsPerMinute: nil, burst: 0)
}

extension Site {
    /// The form a domain is stored and matched in: trimmed, lowercased, one leading `www.` removed.
    package static func canonicalDomain(_ raw: String) -> String {
        // Every event's domains are looked up by this form, and they arrive in it already.
        if isCanonicalDomain(raw.utf8) { return raw }
        var domain = raw.trimmingASCIIWhitespace().lowercased()
        if domain.hasPrefix("www.") { domain.removeFirst(4) }
        return domain
    }

    /// Whether `canonicalDomain` would leave these bytes as they are: ASCII without upper case,
    /// no surrounding whitespace, no leading `www.`.
    private static func isCanonicalDomain(_ bytes: String.UTF8View) -> Bool {
        if let first = bytes.first, isASCIIWhitespace(first) { return false }
        if let last = bytes.last, isASCIIWhitespace(last) { return false }
        if bytes.starts(with: "www.".utf8) { return false }
        return bytes.allSatisfy { $0 < 0x80 && !($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) }
    }

    private static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r")
    }
}

extension StringProtocol {
    /// The text without leading and trailing ASCII spaces, tabs and line breaks. Read as bytes:
    /// as Characters, a "\r\n" is one grapheme equal to neither "\r" nor "\n", and stayed.
    package func trimmingASCIIWhitespace() -> String {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        let text = String(self)
        let bytes = text.utf8
        guard let first = bytes.firstIndex(where: { !isSpace($0) }),
            let last = bytes.lastIndex(where: { !isSpace($0) })
        else { return "" }
        // Both ends sit next to ASCII bytes or the text's ends, so they are scalar boundaries.
        return String(text[first..<bytes.index(after: last)])
    }
}
