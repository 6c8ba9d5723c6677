import PerchCore
import PerchEnrich
import Synchronization
import Testing

@testable import PerchIngest

/// The enrichment steps of spec §5 in the pipeline: spam referrers, datacenter ranges, bots, the
/// User-Agent fields, the acquisition channel, the suffix list in the visitor id, and data sets
/// that change between requests.
@Suite struct IngestPipelineEnrichmentTests {
    static let chrome =
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_13_4) AppleWebKit/537.36 (KHTML, like Gecko) "
        + "Chrome/70.0.3538.110 Safari/537.36"

    func request(
        _ body: String = #"{"n":"pageview","u":"https://a.test/","d":"a.test"}"#,
        userAgent: String? = Self.chrome,
        clientIP: String = "192.0.2.1",
        fixture: PipelineFixture
    ) -> IngestResult {
        var request = fixture.request(body)
        request.userAgent = userAgent
        request.clientIP = clientIP
        return fixture.pipeline.process(request)
    }

    @Test func deviceFieldsAndChannelAreStoredOnEventAndSession() throws {
        let fixture = try PipelineFixture()
        let body = #"{"n":"pageview","u":"https://a.test/?utm_medium=cpc","d":"a.test","r":"https://www.google.com/"}"#
        _ = request(body, fixture: fixture)
        let entry = try #require(fixture.journal.entries.first)
        let visit = entry.event.visit
        #expect(visit.browser == "Chrome" && visit.browserVersion == "70.0")
        #expect(visit.operatingSystem == "Mac" && visit.operatingSystemVersion == "10.13")
        #expect(visit.screenSize == "Desktop")
        #expect(visit.referrerSource == "Google")
        #expect(visit.acquisitionChannel == "Paid Search")
        #expect(entry.session?.visit.acquisitionChannel == "Paid Search")
        #expect(entry.session?.visit.browser == "Chrome")
    }

    @Test func directVisitsAreDirect() throws {
        let fixture = try PipelineFixture()
        _ = request(fixture: fixture)
        #expect(fixture.journal.entries.first?.event.visit.acquisitionChannel == "Direct")
    }

    @Test(arguments: [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "curl/8.5.0",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36",
    ])
    func botsAreDropped(userAgent: String) throws {
        let fixture = try PipelineFixture()
        guard case .accepted(0, let dropped, nil) = request(userAgent: userAgent, fixture: fixture) else {
            Issue.record("expected a drop")
            return
        }
        #expect(dropped == [.bot])
        #expect(fixture.journal.entries.isEmpty)
    }

    @Test func aMissingUserAgentIsNotABot() throws {
        let fixture = try PipelineFixture()
        guard case .accepted(1, _, _) = request(userAgent: nil, fixture: fixture) else {
            Issue.record("expected the event to be stored")
            return
        }
        #expect(fixture.journal.entries.first?.event.visit.browser == "")
    }

    @Test(arguments: ["https://spam.example/x", "https://www.deep.spam.example/"])
    func spamReferrersDropEveryDomain(referrer: String) throws {
        let spam = SpamReferrerList(hosts: ["spam.example"])
        let fixture = try PipelineFixture(enrichment: EnrichmentData(spamReferrers: { spam }))
        let body = #"{"n":"pageview","u":"https://a.test/","d":"a.test,unknown.test","r":"\#(referrer)"}"#
        guard case .accepted(0, let dropped, nil) = request(body, fixture: fixture) else {
            Issue.record("expected drops")
            return
        }
        #expect(dropped == [.spamReferrer, .spamReferrer])
    }

    @Test func datacenterRangesDropAndTheTableIsReadPerRequest() throws {
        let ranges = Mutex<IPRangeTable?>(nil)
        let fixture = try PipelineFixture(enrichment: EnrichmentData(datacenterRanges: { ranges.withLock { $0 } }))
        guard case .accepted(1, _, _) = request(clientIP: "198.51.100.7", fixture: fixture) else {
            Issue.record("without ranges the event is stored")
            return
        }
        ranges.withLock { $0 = IPRangeTable(blocks: [CIDRBlock("198.51.100.0/24")!]) }
        guard case .accepted(0, let dropped, nil) = request(clientIP: "198.51.100.7", fixture: fixture) else {
            Issue.record("expected a dc_ip drop once the range is loaded")
            return
        }
        #expect(dropped == [.dcIP])
        guard case .accepted(1, _, _) = request(clientIP: "192.0.2.1", fixture: fixture) else {
            Issue.record("an address outside the ranges is stored")
            return
        }
    }

    @Test func theSuffixListDecidesWhichSubdomainsShareAVisitor() throws {
        let shared = try PipelineFixture()
        _ = request(#"{"n":"pageview","u":"https://one.example.co.uk/","d":"a.test"}"#, fixture: shared)
        _ = request(#"{"n":"pageview","u":"https://two.example.co.uk/","d":"a.test"}"#, fixture: shared)
        let ids = shared.journal.entries.map(\.event.userID)
        #expect(ids.count == 2 && ids[0] == ids[1], "co.uk is a public suffix: both hosts are example.co.uk")

        let perHost = PublicSuffixList(icannRules: ["uk", "co.uk", "example.co.uk"])
        let split = try PipelineFixture(enrichment: EnrichmentData(publicSuffixes: { perHost }))
        _ = request(#"{"n":"pageview","u":"https://one.example.co.uk/","d":"a.test"}"#, fixture: split)
        _ = request(#"{"n":"pageview","u":"https://two.example.co.uk/","d":"a.test"}"#, fixture: split)
        let splitIDs = split.journal.entries.map(\.event.userID)
        #expect(splitIDs.count == 2 && splitIDs[0] != splitIDs[1])
    }

    @Test func theReferrerSourcesDataSetNamesSources() throws {
        let table = ReferrerSourceTable(
            sources: [ReferrerSourceTable.Source(name: "Example Search", medium: .search, domains: ["find.example"])])
        let fixture = try PipelineFixture(enrichment: EnrichmentData(referrerSources: { table }))
        _ = request(
            #"{"n":"pageview","u":"https://a.test/","d":"a.test","r":"https://find.example/q"}"#, fixture: fixture)
        let visit = try #require(fixture.journal.entries.first?.event.visit)
        #expect(visit.referrerSource == "Example Search")
        #expect(visit.acquisitionChannel == "Organic Search")
    }
}
