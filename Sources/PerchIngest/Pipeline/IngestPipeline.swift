import PerchCore
import PerchEnrich
import PerchJournal
import PerchPayload

/// The ingest path of `POST /api/event` as one synchronous function, in spec §5's order: decode and
/// validate, drop spam referrers, then for each domain gate (site, rate limit), drop datacenter and
/// threat IPs, apply the site's shields, geolocate, drop bots, derive the device fields and the
/// channel, identify the visitor, attach the session and journal the result. Nothing here awaits;
/// the HTTP layer waits for durability afterwards.
package struct IngestPipeline: Sendable {
    /// The encoded size a journal reservation assumes per event (a pageview with a referrer and a
    /// few props encodes to 300–500 bytes).
    static let typicalEntryBytes = 512

    package let decoder: EventRequestDecoder
    package let sites: SiteRegistry
    package let rateLimiter: SiteRateLimiter
    package let salts: SaltRing
    package let identity: VisitorIdentity
    package let sessions: SessionCache
    package let journal: any EventJournal
    package let clock: any WallClock
    /// The data sets (spam list, referrer sources, datacenter ranges, suffixes, geolocation).
    package let enrichment: EnrichmentData
    /// Bot verdicts and device fields per User-Agent.
    package let userAgents: UserAgentClassifier
    /// Per-site shields (spec §7.2); nil applies none.
    package let shields: ShieldRegistry?
    /// Where drops are counted per site and reason for `perch drops`; nil counts nothing.
    package let dropCounter: DropCounter?

    package init(
        decoder: EventRequestDecoder = EventRequestDecoder(sources: ReferrerSourceTable.builtIn),
        sites: SiteRegistry,
        rateLimiter: SiteRateLimiter,
        salts: SaltRing,
        sessions: SessionCache,
        journal: any EventJournal,
        clock: any WallClock,
        enrichment: EnrichmentData = .builtIn,
        userAgents: UserAgentClassifier = UserAgentClassifier(),
        shields: ShieldRegistry? = nil,
        dropCounter: DropCounter? = nil
    ) {
        self.decoder = decoder
        self.sites = sites
        self.rateLimiter = rateLimiter
        self.salts = salts
        self.identity = VisitorIdentity(suffixes: { enrichment.current().publicSuffixes })
        self.sessions = sessions
        self.journal = journal
        self.clock = clock
        self.enrichment = enrichment
        self.userAgents = userAgents
        self.shields = shields
        self.dropCounter = dropCounter
    }

    package func process(_ request: IngestRequest) -> IngestResult {
        let event: EventRequest
        // The data sets, once for the whole request.
        let data = enrichment.current()
        var decoder = decoder
        decoder.sources = data.referrerSources
        switch decoder.decode(body: request.body, contentType: request.contentType) {
        case .success(let decoded): event = decoded
        case .failure(let errors): return .invalid(errors)
        }
        let nowMilliseconds = clock.nowMilliseconds()
        var dropped: DroppedEvents = []
        var admitted: [(domain: String, site: Site)] = []
        var retryAfter = 0
        // Every drop goes through here: counted per site, and told to debug-mode sites' clients.
        func drop(_ reason: DropReason, domain: String, site: Site?) {
            dropped.append(reason, debug: site?.debugDrops == true)
            dropCounter?.record(domain: site?.domain ?? domain, reason: reason, nowMilliseconds: nowMilliseconds)
        }
        // Spec §5 step 0: a spam referrer drops the whole request, before the gate.
        if let host = event.referrerHost, data.spamReferrers?.contains(host: host) == true {
            for domain in event.domains { drop(.spamReferrer, domain: domain, site: sites.site(forDomain: domain)) }
            return .accepted(stored: 0, dropped: dropped, durableThrough: nil)
        }
        for domain in event.domains {
            guard let site = sites.site(forDomain: domain) else {
                drop(.notFound, domain: domain, site: nil)
                continue
            }
            switch rateLimiter.admit(siteID: site.id, limit: site.rateLimit, nowMilliseconds: nowMilliseconds) {
            case .allowed:
                admitted.append((domain, site))
            case .limited(let seconds):
                drop(.throttle, domain: domain, site: site)
                retryAfter = max(retryAfter, seconds)
            }
        }
        if admitted.isEmpty && !dropped.isEmpty && dropped.allSatisfy({ $0 == .throttle }) {
            return .rateLimited(retryAfterSeconds: retryAfter)
        }
        let clientAddress = request.clientAddress
        // Spec §5 steps 2–3: after the gate, before anything else, for every admitted domain.
        switch classifyNetwork(request.clientIPType, address: clientAddress, data: data) {
        case .datacenter?:
            for (domain, site) in admitted { drop(.dcIP, domain: domain, site: site) }
            return .accepted(stored: 0, dropped: dropped, durableThrough: nil)
        case .threat?:
            for (domain, site) in admitted { drop(.threatIP, domain: domain, site: site) }
            return .accepted(stored: 0, dropped: dropped, durableThrough: nil)
        case .anonymousVPN?, nil:
            break
        }
        let timestamp = nowMilliseconds / 1000
        let salts = salts.salts(nowSeconds: timestamp)
        // Geolocation has no side effects, so doing it once up front equals spec §5's step 7.
        let location =
            request.clientIPType == .anonymousVPN
            ? GeoLocation(countryCode: "A1") : geolocate(clientAddress, data: data)
        // Spec §5 step 9, once per request (memoised per User-Agent).
        let userAgent = userAgents.classify(request.userAgent)
        let channel = acquisitionChannel(event.acquisition, data: data)
        var lastSequence: UInt64?
        var stored = 0
        // A request naming several sites is journaled whole or not at all: a 503 after journaling
        // some of its events would make the client's retry store those twice.
        var reservation = request.reservation
        var ownReservation = false
        if reservation == nil, admitted.count > 1 {
            do {
                reservation = try journal.reserve(entries: admitted.count, bytesEach: Self.typicalEntryBytes)
                ownReservation = true
            } catch {
                return .unavailable(retryAfterSeconds: 1)
            }
        }
        defer { if ownReservation, let reservation { journal.release(reservation) } }
        for (domain, site) in admitted {
            // Spec §5 steps 4–6 and 8: hostname allow, page block, IP block, then country block.
            if let shields = shields?.shields(forSite: site.id) {
                let early = shields.dropBeforeGeolocation(
                    hostname: event.hostname, pathname: event.pathname, clientIP: clientAddress)
                if let reason = early ?? (shields.dropsCountry(location.countryCode) ? .siteCountryBlocklist : nil) {
                    drop(reason, domain: domain, site: site)
                    continue
                }
            }
            guard case .client(let device) = userAgent else {
                drop(.bot, domain: domain, site: site)
                continue
            }
            // `domain` is already lowercased and without `www.` (EventRequest.domains).
            let ids = identity.userIDs(
                salts: salts,
                userAgent: request.userAgent,
                clientIP: request.clientIP,
                domain: domain,
                hostname: event.hostname,
                suffixes: data.publicSuffixes
            )
            var record = draftRecord(event, site: site, userID: ids.current, timestamp: timestamp)
            record.visit.countryCode = location.countryCode
            record.visit.subdivision1Code = location.subdivision1Code
            record.visit.subdivision2Code = location.subdivision2Code
            record.visit.cityGeonameID = location.cityGeonameID
            record.visit.screenSize = device.screenSize
            record.visit.operatingSystem = device.operatingSystem
            record.visit.operatingSystemVersion = device.operatingSystemVersion
            record.visit.browser = device.browser
            record.visit.browserVersion = device.browserVersion
            record.visit.acquisitionChannel = channel
            let outcome: Result<UInt64, DropReason>
            do {
                outcome = try sessions.record(
                    record,
                    previousUserID: ids.previous,
                    isPageview: event.isPageview,
                    isEngagement: event.isEngagement
                ) { result in
                    // Inside the session's lock, so one visitor's entries reach the journal in order.
                    switch result {
                    case .success(let entry):
                        // Only a batch's events carry a key: the others are journaled without a copy.
                        guard let key = request.idempotencyKey else {
                            return .success(try journal.append(entry, reservation: reservation))
                        }
                        var keyed = entry
                        keyed.idempotencyKey = key
                        return .success(try journal.append(keyed, reservation: reservation))
                    case .failure(let reason): return .failure(reason)
                    }
                }
            } catch {
                // Full (one domain; several hold a reservation) or failed: the client should retry.
                return .unavailable(retryAfterSeconds: 1)
            }
            switch outcome {
            case .success(let sequence):
                lastSequence = sequence
                stored += 1
            case .failure(let reason):
                drop(reason, domain: domain, site: site)
            }
        }
        return .accepted(stored: stored, dropped: dropped, durableThrough: lastSequence)
    }

    /// The event row before its session is known: the visitor's current-salt id, the event's own
    /// visit attributes.
    private func draftRecord(_ event: EventRequest, site: Site, userID: UInt64, timestamp: Int64) -> EventRecord {
        // Revenue without a goal for it: the goal may have been added a moment ago (`perch goals add`).
        let site = event.revenue != nil && site.revenueGoals[event.name] == nil ? sites.latest(site) : site
        return EventRecord(
            timestamp: timestamp,
            name: event.name,
            siteID: site.id,
            userID: userID,
            sessionID: 0,
            hostname: event.hostname,
            pathname: event.pathname,
            visit: event.acquisition,
            props: event.props,
            scrollDepth: event.scrollDepth,
            engagementTime: event.engagementTime,
            revenue: site.storedRevenue(event.revenue, eventName: event.name),
            interactive: event.interactive
        )
    }
}
