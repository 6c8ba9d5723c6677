import PerchCore
import PerchEnrich
import PerchJournal
import Synchronization
import Testing

@testable import PerchIngest

/// The pipeline's own decisions, with a journal that can refuse: outcomes per domain, 429 only
/// when every domain is limited, 503 when the journal is full, and no session change for an
/// event that was not journaled.
@Suite struct IngestPipelineTests {
    static let pageview = #"{"n":"pageview","u":"https://a.test/","d":"a.test"}"#

    @Test func acceptedEventsAreJournaledWithTheSessionsIDs() throws {
        let fixture = try PipelineFixture()
        let result = fixture.pipeline.process(fixture.request(Self.pageview))
        guard case .accepted(let stored, let dropped, let sequence) = result else {
            Issue.record("expected accepted, got \(result)")
            return
        }
        #expect(stored == 1 && dropped.isEmpty && sequence == 1)
        let entry = try #require(fixture.journal.entries.first)
        #expect(entry.event.sessionID == entry.session?.sessionID)
        #expect(entry.event.timestamp == fixture.clock.nowSeconds())
        #expect(entry.session?.pageviews == 1)
    }

    @Test func fullJournalAnswersUnavailableAndLeavesTheSessionAlone() throws {
        let fixture = try PipelineFixture()
        fixture.journal.refuse(true)
        guard case .unavailable = fixture.pipeline.process(fixture.request(Self.pageview)) else {
            Issue.record("expected unavailable")
            return
        }
        #expect(fixture.sessions.count == 0)

        fixture.journal.refuse(false)
        _ = fixture.pipeline.process(fixture.request(Self.pageview))
        #expect(fixture.journal.entries.first?.session?.events == 1, "the refused event must not count")
    }

    @Test func aRequestForSeveralSitesIsJournaledWholeOrNotAtAll() throws {
        let fixture = try PipelineFixture(sites: ["a.test", "b.test", "c.test"])
        fixture.journal.setRoom(2)
        let three = #"{"n":"pageview","u":"https://a.test/","d":"a.test,b.test,c.test"}"#
        guard case .unavailable = fixture.pipeline.process(fixture.request(three)) else {
            Issue.record("expected unavailable")
            return
        }
        #expect(fixture.journal.entries.isEmpty)
        #expect(fixture.sessions.count == 0)
        guard
            case .accepted(2, [], _) = fixture.pipeline.process(
                fixture.request(#"{"n":"pageview","u":"https://a.test/","d":"a.test,b.test"}"#))
        else {
            Issue.record("expected both stored")
            return
        }
        #expect(fixture.journal.entries.count == 2)
    }

    @Test func rateLimitedOnlyWhenEveryDomainIsLimited() throws {
        let fixture = try PipelineFixture(limit: RateLimit(eventsPerMinute: 1, burst: 1))
        let both = #"{"n":"pageview","u":"https://a.test/","d":"a.test,b.test"}"#
        guard case .accepted(1, [.notFound], _) = fixture.pipeline.process(fixture.request(both)) else {
            Issue.record("expected one stored, one not_found")
            return
        }
        guard case .accepted(0, [.throttle, .notFound], nil) = fixture.pipeline.process(fixture.request(both)) else {
            Issue.record("a limited domain beside an unknown one is a drop, not a 429")
            return
        }
        guard case .rateLimited(let seconds) = fixture.pipeline.process(fixture.request(Self.pageview)) else {
            Issue.record("expected 429")
            return
        }
        #expect(seconds == 60)
    }

    @Test func invalidRequestsNeverReachTheJournal() throws {
        let fixture = try PipelineFixture()
        guard case .invalid(let errors) = fixture.pipeline.process(fixture.request(#"{"n":"pageview"}"#)) else {
            Issue.record("expected invalid")
            return
        }
        #expect(errors.messages(for: "url") == ["is required"])
        #expect(fixture.journal.entries.isEmpty)
    }
}

/// A pipeline over in-memory parts and a journal that records or refuses.
struct PipelineFixture {
    let clock = ManualWallClock(seconds: 1_764_000_000)
    let journal = RecordingJournal()
    let sessions = SessionCache()
    let pipeline: IngestPipeline

    init(
        limit: RateLimit = .unlimited, geo: (any GeoLookup)? = nil, enrichment: EnrichmentData = .builtIn,
        sites: [String] = ["a.test"], revenueGoals: [String: String] = [:]
    ) throws {
        var enrichment = enrichment
        if let geo {
            let base = enrichment.current
            enrichment.current = {
                var data = base()
                data.geo = geo
                return data
            }
        }
        pipeline = IngestPipeline(
            sites: SiteRegistry(
                sites: sites.enumerated().map {
                    Site(id: Int64($0.offset + 1), domain: $0.element, rateLimit: limit, revenueGoals: revenueGoals)
                }),
            rateLimiter: SiteRateLimiter(),
            salts: try SaltRing(store: InMemorySaltStore(), clock: clock),
            sessions: sessions,
            journal: journal,
            clock: clock,
            enrichment: enrichment
        )
    }

    func request(_ body: String) -> IngestRequest {
        IngestRequest(body: Array(body.utf8), contentType: "text/plain", userAgent: "UA", clientIP: "192.0.2.1")
    }
}

/// An `EventJournal` that keeps entries in memory, or refuses them as a full journal does.
final class RecordingJournal: EventJournal {
    private let state = Mutex<(entries: [JournalEntry], refusing: Bool, room: Int)>(([], false, .max))

    var entries: [JournalEntry] { state.withLock { $0.entries } }

    func refuse(_ refusing: Bool) {
        state.withLock { $0.refusing = refusing }
    }

    /// Entries it takes before it is full (reservations count).
    func setRoom(_ room: Int) {
        state.withLock { $0.room = room }
    }

    func reserve(entries: Int, bytesEach: Int) throws -> JournalReservation {
        try state.withLock { state in
            guard !state.refusing, state.room >= entries else { throw JournalError.full }
            state.room -= entries
            return JournalReservation(entries: entries, bytes: entries * bytesEach)
        }
    }

    func release(_ reservation: JournalReservation) {
        let rest = reservation.takeRest()
        state.withLock { $0.room += rest.entries }
    }

    func append(_ entry: JournalEntry, reservation: JournalReservation?) throws -> UInt64 {
        try state.withLock { state in
            if state.refusing { throw JournalError.full }
            if reservation?.take(cost: 0) == nil {
                guard state.room > 0 else { throw JournalError.full }
                state.room -= 1
            }
            state.entries.append(entry)
            return UInt64(state.entries.count)
        }
    }

    func whenDurable(_ sequence: UInt64, _ callback: @escaping @Sendable (Result<Void, JournalError>) -> Void) {
        callback(.success(()))
    }

    func waitDurable(_ sequence: UInt64) async throws {}
}

/// Geolocation in the pipeline: the client IP's location lands on the event and its session.
@Suite struct IngestPipelineGeoTests {
    struct FixedGeo: GeoLookup {
        func location(_ ip: IPAddress) -> GeoLocation {
            ip == IPAddress("192.0.2.1")
                ? GeoLocation(
                    countryCode: "GB", subdivision1Code: "GB-ENG", subdivision2Code: "GB-WBK", cityGeonameID: 2_655_045)
                : GeoLocation()
        }
    }

    @Test func locationOfTheClientIPIsStored() throws {
        let fixture = try PipelineFixture(geo: FixedGeo())
        _ = fixture.pipeline.process(fixture.request(IngestPipelineTests.pageview))
        let entry = try #require(fixture.journal.entries.first)
        #expect(entry.event.visit.countryCode == "GB")
        #expect(entry.event.visit.subdivision1Code == "GB-ENG")
        #expect(entry.event.visit.subdivision2Code == "GB-WBK")
        #expect(entry.event.visit.cityGeonameID == 2_655_045)
        #expect(entry.session?.visit.countryCode == "GB")
    }

    @Test func withoutADatabaseGeoFieldsStayEmpty() throws {
        let fixture = try PipelineFixture()
        _ = fixture.pipeline.process(fixture.request(IngestPipelineTests.pageview))
        #expect(fixture.journal.entries.first?.event.visit.countryCode == "")
    }
}

/// `x-plausible-ip-type` as a trusted proxy reports it (spec §5 steps 2–3, §12.2).
@Suite struct IngestPipelineIPTypeTests {
    func process(_ type: ClientIPType?, fixture: PipelineFixture) -> IngestResult {
        var request = fixture.request(IngestPipelineTests.pageview)
        request.clientIPType = type
        return fixture.pipeline.process(request)
    }

    @Test(arguments: [(ClientIPType.datacenter, DropReason.dcIP), (.threat, .threatIP)])
    func flaggedIPsAreDropped(type: ClientIPType, reason: DropReason) throws {
        let fixture = try PipelineFixture(geo: IngestPipelineGeoTests.FixedGeo())
        guard case .accepted(0, let dropped, nil) = process(type, fixture: fixture) else {
            Issue.record("expected a drop")
            return
        }
        #expect(dropped == [reason])
        #expect(fixture.journal.entries.isEmpty)
    }

    @Test func anonymousVPNIsCountryA1WithoutLookup() throws {
        let fixture = try PipelineFixture(geo: IngestPipelineGeoTests.FixedGeo())
        _ = process(.anonymousVPN, fixture: fixture)
        let visit = try #require(fixture.journal.entries.first?.event.visit)
        #expect(visit.countryCode == "A1")
        #expect(visit.subdivision1Code == "" && visit.cityGeonameID == 0)
    }
}
