import PerchEnrich

/// What the ingest path takes from a User-Agent header (spec §7.1, §11): a bot verdict or the
/// browser, OS and device fields. Memoised per distinct string in a bounded cache, since a site's
/// traffic repeats a few thousand User-Agents. Only strings of at most `maxMemoisedBytes` are
/// kept (real browsers send 100–300 bytes), so the memo's keys take at most capacity × 512 bytes
/// (8 MiB by default) however long the headers a client invents; longer ones are parsed each time.
package struct UserAgentClassifier: Sendable {
    package enum Verdict: Sendable, Hashable {
        case bot
        case client(UserAgentDetails)
    }

    package static let maxMemoisedBytes = 512

    private let parser: UserAgentParser
    private let bots: BotDetector
    private let cache: BoundedCache<String, Verdict>

    package init(parser: UserAgentParser = UserAgentParser(), bots: BotDetector = BotDetector(), capacity: Int = 16_384)
    {
        self.parser = parser
        self.bots = bots
        self.cache = BoundedCache(capacity: capacity)
    }

    /// A missing or empty User-Agent is not a bot; its fields stay empty (as in Plausible).
    package func classify(_ userAgent: String?) -> Verdict {
        guard let userAgent, !userAgent.isEmpty else { return .client(.unknown) }
        guard userAgent.utf8.count <= Self.maxMemoisedBytes else { return verdict(userAgent) }
        // Not `cache.value(for:orInsert: verdict)`: passing `verdict` as a closure allocated a
        // context for `self` on every call, hits included. Two threads missing together both parse.
        if let cached = cache[userAgent] { return cached }
        let made = verdict(userAgent)
        cache.insert(made, for: userAgent)
        return made
    }

    /// Entries held by the memo (for tests and metrics).
    package var memoisedCount: Int { cache.count }

    private func verdict(_ userAgent: String) -> Verdict {
        if bots.isBot(userAgent) { return .bot }
        let details = parser.parse(userAgent)
        return details.browser == "Headless Chrome" ? .bot : .client(details)
    }
}
