import Testing

@testable import PerchEnrich

/// Recall on the labelled bot corpora and false positives on the labelled non-bot ones, against
/// the issue's targets. Prints one line per corpus and the first misses, to guide the tables.
@Suite("Bot detector (oracle corpus)", .enabled(if: OracleCorpus.isAvailable))
struct BotDetectorOracleTests {
    let detector = BotDetector()

    @Test func matomoBotsRecall() throws {
        let outcome = try tally("matomo-bots.jsonl", key: "ua", expectBots: true) { $0["name"] as? String ?? "" }
        #expect(outcome.rate >= 0.98, "recall \(outcome.summary)")
    }

    @Test func crawlerUserAgentsRecall() throws {
        let outcome = try tally("crawler-user-agents.jsonl", key: "ua", expectBots: true) {
            $0["pattern"] as? String ?? ""
        }
        #expect(outcome.rate >= 0.98, "recall \(outcome.summary)")
    }

    /// HTTP libraries and WhatsApp's own fetches (link previews, media; no page runs a tracker
    /// there) are clients to Matomo but bots to Perch by design; they are counted (the target
    /// holds with them) and reported apart so a real regression stands out.
    @Test func matomoClientsFalsePositives() throws {
        let outcome = try tally("matomo-clients.jsonl", key: "ua", expectBots: false) {
            "\($0["client_type"] as? String ?? ""): \($0["client_name"] as? String ?? "")"
        }
        let intended = outcome.wrong.filter { $0.label.hasPrefix("library:") || $0.label.hasSuffix(": WhatsApp") }
        print("bot oracle matomo-clients: \(intended.count) of them are HTTP libraries or WhatsApp (intended)")
        #expect(outcome.rate <= 0.003, "false positives \(outcome.summary)")
    }

    @Test func fakeUserAgentFalsePositives() throws {
        let outcome = try tally("fake-useragent.jsonl", key: "useragent", expectBots: false) {
            $0["browser"] as? String ?? ""
        }
        #expect(outcome.rate <= 0.003, "false positives \(outcome.summary)")
    }

    private func tally(
        _ file: String, key: String, expectBots: Bool, label: ([String: Any]) -> String
    ) throws -> BotOracleOutcome {
        let rows = try OracleCorpus.rows(file)
        var wrong: [(userAgent: String, label: String)] = []
        for row in rows {
            let userAgent = row[key] as? String ?? ""
            if detector.isBot(userAgent) != expectBots { wrong.append((userAgent, label(row))) }
        }
        let outcome = BotOracleOutcome(total: rows.count, wrong: wrong, countsHits: expectBots)
        let corpus = file.dropLast(".jsonl".count)
        print("bot oracle \(corpus): \(expectBots ? "recall" : "false positives") \(outcome.summary)")
        for miss in wrong.prefix(20) {
            let name = detector.botName(miss.userAgent).map { " [\($0)]" } ?? ""
            print("  \(expectBots ? "missed" : "flagged")\(name) \(miss.label) | \(miss.userAgent.prefix(160))")
        }
        return outcome
    }
}

/// The figures of one corpus: the rate is recall for bot corpora, false positives otherwise.
struct BotOracleOutcome {
    let total: Int
    let wrong: [(userAgent: String, label: String)]
    let countsHits: Bool

    var count: Int { countsHits ? total - wrong.count : wrong.count }
    var rate: Double { total == 0 ? 0 : Double(count) / Double(total) }
    var summary: String {
        let percent = (rate * 10_000).rounded() / 100
        return "\(percent)% (\(count)/\(total))"
    }
}
