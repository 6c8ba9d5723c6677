import PerchEnrich
import Testing

/// Agreement of `UserAgentParser` with labelled corpora, against the targets. Prints the
/// figures (and the most frequent misses) so they can be quoted.
@Suite("User-agent parser (oracle corpus)", .enabled(if: OracleCorpus.isAvailable))
struct UserAgentOracleTests {
    let parser = UserAgentParser()

    @Test func fakeUserAgentAgreement() throws {
        var tally = UserAgentTally(corpus: "fake-useragent")
        for row in try OracleCorpus.rows("fake-useragent.jsonl") {
            let got = parser.parse(row["useragent"] as? String ?? "")
            let browser = UserAgentFamilies.fakeUserAgentBrowser(row["browser"] as? String ?? "")
            let system = UserAgentFamilies.fakeUserAgentSystem(row["os"] as? String ?? "")
            let device = (row["type"] as? String ?? "").capitalized
            tally.add(.browser, expected: browser, got: got.browser)
            tally.add(
                .os, expected: UserAgentFamilies.osFamily(system),
                got: UserAgentFamilies.osFamily(got.operatingSystem))
            tally.add(.device, expected: device, got: got.screenSize)
        }
        tally.report()
        #expect(tally.rate(.browser) >= 0.99)
        #expect(tally.rate(.os) >= 0.99)
        #expect(tally.rate(.device) >= 0.98)
    }

    /// The browser column itself, not its family: every Matomo client (browsers, mobile apps, feed
    /// readers, media players, PIM and library clients) against the name Plausible would store.
    @Test func matomoBrowserColumnUnderPlausiblesMapping() throws {
        var tally = UserAgentTally(corpus: "matomo-clients (browser column, Plausible's mapping)")
        for row in try OracleCorpus.rows("matomo-clients.jsonl") {
            let got = parser.parse(row["ua"] as? String ?? "")
            tally.add(.browser, expected: UserAgentFamilies.plausibleBrowser(row), got: got.browser)
        }
        tally.report(fields: [.browser], misses: 40)
        #expect(tally.rate(.browser) >= 0.95)
    }

    @Test func matomoFixtureAgreement() throws {
        var tally = UserAgentTally(corpus: "matomo-clients")
        for row in try OracleCorpus.rows("matomo-clients.jsonl") {
            let got = parser.parse(row["ua"] as? String ?? "")
            let osFamily = row["os_family"] as? String ?? ""
            tally.add(
                .browser, expected: UserAgentFamilies.matomoBrowserFamily(row),
                got: UserAgentFamilies.browserFamily(got.browser))
            tally.add(
                .os, expected: osFamily == "Unknown" ? "" : osFamily,
                got: UserAgentFamilies.osFamily(got.operatingSystem))
            tally.add(
                .device, expected: UserAgentFamilies.screenSize(deviceType: row["device_type"] as? String ?? ""),
                got: got.screenSize)
        }
        tally.report()
        #expect(tally.rate(.browser) >= 0.93)
        #expect(tally.rate(.os) >= 0.95)
        #expect(tally.rate(.device) >= 0.93)
    }
}
