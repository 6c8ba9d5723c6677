import PerchCore
import PerchEnrich
import Testing

@testable import PerchIngest

/// Shields in the pipeline (spec §5 steps 4–8): per domain, after the gate, in order hostname
/// allow → page block → IP block → country block, each drop counted and (in debug mode) named.
@Suite struct ShieldPipelineTests {
    static func body(url: String = "https://a.test/", domains: String = "a.test") -> String {
        #"{"n":"pageview","u":"\#(url)","d":"\#(domains)"}"#
    }

    func dropped(_ result: IngestResult) -> DroppedEvents? {
        guard case .accepted(_, let dropped, _) = result else { return nil }
        return dropped
    }

    @Test(arguments: [
        (ShieldRule(kind: .hostname, value: "*.a.test"), "https://a.test/", DropReason.siteHostnameAllowlist),
        (ShieldRule(kind: .page, value: "/admin/*"), "https://a.test/admin/users", .sitePageBlocklist),
        (ShieldRule(kind: .ip, value: "192.0.2.0/24"), "https://a.test/", .siteIPBlocklist),
        (ShieldRule(kind: .ip, value: "192.0.2.1"), "https://a.test/", .siteIPBlocklist),
        (ShieldRule(kind: .country, value: "GB"), "https://a.test/", .siteCountryBlocklist),
    ])
    func eachShieldDropsWithItsReason(rule: ShieldRule, url: String, reason: DropReason) throws {
        let fixture = try ShieldPipelineFixture(rules: [1: [rule]])
        let result = fixture.pipeline.process(fixture.request(Self.body(url: url)))
        #expect(dropped(result) == [reason])
        #expect(fixture.journal.entries.isEmpty)
    }

    @Test(arguments: [
        ShieldRule(kind: .hostname, value: "a.test"),
        ShieldRule(kind: .hostname, value: "*a.test"),
        ShieldRule(kind: .page, value: "/admin/*"),
        ShieldRule(kind: .ip, value: "192.0.3.0/24"),
        ShieldRule(kind: .ip, value: "2001:db8::/32"),
        ShieldRule(kind: .country, value: "DE"),
    ])
    func nonMatchingRulesLetTheEventThrough(rule: ShieldRule) throws {
        let fixture = try ShieldPipelineFixture(rules: [1: [rule]])
        let result = fixture.pipeline.process(fixture.request(Self.body(url: "https://www.a.test/admin")))
        #expect(dropped(result) == [])
        #expect(fixture.journal.entries.count == 1)
    }

    @Test func theFirstShieldInSpecOrderNamesTheDrop() throws {
        let rules = [
            ShieldRule(kind: .country, value: "GB"), ShieldRule(kind: .ip, value: "192.0.2.1"),
            ShieldRule(kind: .page, value: "/**"), ShieldRule(kind: .hostname, value: "other.test"),
        ]
        for (count, reason) in zip(
            [4, 3, 2, 1],
            [
                DropReason.siteHostnameAllowlist, .sitePageBlocklist, .siteIPBlocklist, .siteCountryBlocklist,
            ])
        {
            let fixture = try ShieldPipelineFixture(rules: [1: Array(rules.prefix(count))])
            #expect(dropped(fixture.pipeline.process(fixture.request(Self.body()))) == [reason])
        }
    }

    @Test func ipRulesCompareAddressesNotText() throws {
        let fixture = try ShieldPipelineFixture(rules: [1: [ShieldRule(kind: .ip, value: "2001:db8::1")]])
        var request = fixture.request(Self.body())
        request.clientIP = "2001:0DB8:0:0::0:1"
        #expect(dropped(fixture.pipeline.process(request)) == [.siteIPBlocklist])
        request.clientIP = "not an ip"
        #expect(dropped(fixture.pipeline.process(request)) == [])
    }

    @Test func countryIsCheckedOnlyWhenGeolocationFoundOne() throws {
        let fixture = try ShieldPipelineFixture(rules: [1: [ShieldRule(kind: .country, value: "GB")]])
        var request = fixture.request(Self.body())
        request.clientIP = "198.51.100.9"
        #expect(dropped(fixture.pipeline.process(request)) == [])
        request.clientIPType = .anonymousVPN
        let vpn = try ShieldPipelineFixture(rules: [1: [ShieldRule(kind: .country, value: "A1")]])
        #expect(dropped(vpn.pipeline.process(request)) == [.siteCountryBlocklist])
    }

    @Test func shieldsApplyPerDomain() throws {
        let fixture = try ShieldPipelineFixture(rules: [2: [ShieldRule(kind: .page, value: "/")]])
        let result = fixture.pipeline.process(fixture.request(Self.body(domains: "a.test,b.test")))
        guard case .accepted(1, let dropped, _) = result else {
            Issue.record("expected one stored, got \(result)")
            return
        }
        #expect(dropped == [.sitePageBlocklist])
        #expect(fixture.journal.entries.map(\.event.siteID) == [1])
    }

    @Test func dropsAreCountedPerSiteAndNamedOnlyForDebugSites() throws {
        let fixture = try ShieldPipelineFixture(
            rules: [1: [ShieldRule(kind: .page, value: "/")], 2: [ShieldRule(kind: .page, value: "/")]],
            debugSiteIDs: [2]
        )
        let result = fixture.pipeline.process(fixture.request(Self.body(domains: "a.test,b.test,c.test")))
        let drops = try #require(dropped(result))
        #expect(
            drops
                == DroppedEvents(
                    reasons: [.notFound, .sitePageBlocklist, .sitePageBlocklist], debugReasons: [.sitePageBlocklist]))
        let hour = DropCounter.hourStart(fixture.clock.nowSeconds())
        #expect(
            Set(fixture.counter.drain()) == [
                DropCount(domain: "a.test", reason: "site_page_blocklist", hour: hour, count: 1),
                DropCount(domain: "b.test", reason: "site_page_blocklist", hour: hour, count: 1),
                DropCount(domain: "c.test", reason: "not_found", hour: hour, count: 1),
            ])
    }

    @Test func replacedRulesTakeEffectOnTheNextRequest() throws {
        let fixture = try ShieldPipelineFixture(rules: [:])
        #expect(dropped(fixture.pipeline.process(fixture.request(Self.body()))) == [])
        fixture.shields.replace(with: [1: [ShieldRule(kind: .page, value: "/")]])
        #expect(dropped(fixture.pipeline.process(fixture.request(Self.body()))) == [.sitePageBlocklist])
        fixture.shields.replace(with: [:])
        #expect(dropped(fixture.pipeline.process(fixture.request(Self.body()))) == [])
    }
}

/// A pipeline with two sites (`a.test` id 1, `b.test` id 2), shields, a drop counter and a geo
/// lookup that puts 192.0.2.1 in GB.
struct ShieldPipelineFixture {
    let clock = ManualWallClock(seconds: 1_764_000_000)
    let journal = RecordingJournal()
    let shields: ShieldRegistry
    let counter = DropCounter()
    let pipeline: IngestPipeline

    init(rules: [Int64: [ShieldRule]], debugSiteIDs: Set<Int64> = []) throws {
        shields = ShieldRegistry(rules: rules)
        let sites = [(1, "a.test"), (2, "b.test")].map { id, domain in
            Site(id: id, domain: domain, rateLimit: .unlimited, debugDrops: debugSiteIDs.contains(id))
        }
        pipeline = IngestPipeline(
            sites: SiteRegistry(sites: sites),
            rateLimiter: SiteRateLimiter(),
            salts: try SaltRing(store: InMemorySaltStore(), clock: clock),
            sessions: SessionCache(),
            journal: journal,
            clock: clock,
            enrichment: EnrichmentData(geo: { IngestPipelineGeoTests.FixedGeo() }),
            shields: shields,
            dropCounter: counter
        )
    }

    func request(_ body: String) -> IngestRequest {
        IngestRequest(body: Array(body.utf8), contentType: "text/plain", userAgent: "UA", clientIP: "192.0.2.1")
    }
}
