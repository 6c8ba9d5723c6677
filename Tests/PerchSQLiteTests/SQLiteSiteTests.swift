import PerchCore
import PerchStats
import Testing

@testable import PerchSQLite

@Suite struct SQLiteSiteTests {
    let clock = ManualWallClock(seconds: 1_795_773_600)
    let store: SQLiteStore

    init() throws {
        store = SQLiteStore(database: try .inMemory(), clock: clock)
    }

    @Test func addCanonicalisesTheDomainAndReadsBack() throws {
        let site = try store.addSite(
            domain: "  WWW.Example.COM ", timezone: "Europe/Berlin",
            rateLimit: RateLimit(eventsPerMinute: 60, burst: 10))
        #expect(site.domain == "example.com")
        #expect(try store.site(domain: "www.example.com") == site)
        #expect(try store.allSites() == [site])
        let createdAt = try store.writer.read { db in try Int64.fetchOne(db, sql: "SELECT created_at FROM sites") }
        #expect(createdAt == 1_795_773_600)
    }

    /// Ingestion needs a site's revenue goals (spec §4.6); the server's directory carries them.
    @Test func directoryCarriesRevenueGoalsByEventName() throws {
        try store.addSite(domain: "a.test")
        try store.addSite(domain: "b.test")
        let before = try store.sitesVersion()
        _ = try store.addGoal(Goal(kind: .event("Purchase"), currency: "EUR"), domain: "a.test")
        #expect(try store.sitesVersion() != before, "a running server must notice a new revenue goal")
        _ = try store.addGoal(Goal(kind: .event("Signup")), domain: "a.test")
        _ = try store.addGoal(Goal(kind: .page("/thanks")), domain: "a.test")
        let sites = try store.allSites()
        #expect(sites.first { $0.domain == "a.test" }?.revenueGoals == ["Purchase": "EUR"])
        #expect(sites.first { $0.domain == "b.test" }?.revenueGoals == [:])
    }

    @Test func unlimitedRateIsStoredAsNull() throws {
        let site = try store.addSite(domain: "a.test", rateLimit: .unlimited)
        #expect(try store.site(domain: "a.test")?.rateLimit == .unlimited)
        #expect(site.rateLimit.eventsPerMinute == nil)
        let raw = try store.writer.read { db in
            try Int64.fetchOne(db, sql: "SELECT rate_limit_per_minute FROM sites WHERE id = ?", arguments: [site.id])
        }
        #expect(raw == nil)
    }

    @Test func addingAnExistingDomainFails() throws {
        try store.addSite(domain: "example.com")
        #expect(throws: SQLiteStoreError.siteExists(domain: "example.com")) {
            try store.addSite(domain: "www.example.com")
        }
    }

    @Test(arguments: ["", "   ", "www.", "exa mple.com", "example.com/path"])
    func invalidDomainsAreRejected(domain: String) throws {
        #expect(throws: SQLiteStoreError.invalidDomain(domain)) { try store.addSite(domain: domain) }
    }

    @Test func unknownTimezoneIsRejected() throws {
        #expect(throws: SQLiteStoreError.unknownTimezone("Mars/Olympus")) {
            try store.addSite(domain: "example.com", timezone: "Mars/Olympus")
        }
        #expect(try store.allSites().isEmpty)
    }

    @Test(arguments: [RateLimit(eventsPerMinute: -1, burst: 10), RateLimit(eventsPerMinute: 10, burst: 0)])
    func invalidRateLimitsAreRejected(limit: RateLimit) throws {
        #expect(throws: SQLiteStoreError.invalidRateLimit) { try store.addSite(domain: "a.test", rateLimit: limit) }
    }

    @Test func zeroPerMinuteIsABlockedSite() throws {
        let site = try store.addSite(domain: "blocked.test", rateLimit: RateLimit(eventsPerMinute: 0, burst: 120))
        #expect(try store.site(domain: "blocked.test")?.rateLimit.eventsPerMinute == 0)
        #expect(site.rateLimit.eventsPerMinute == 0)
    }

    @Test func updateChangesOnlyWhatIsGiven() throws {
        let site = try store.addSite(domain: "example.com", timezone: "UTC")
        let updated = try store.updateSite(domain: "example.com", rateLimit: RateLimit(eventsPerMinute: 5, burst: 2))
        #expect(
            updated
                == Site(
                    id: site.id, domain: "example.com", timezone: "UTC",
                    rateLimit: RateLimit(eventsPerMinute: 5, burst: 2)))
        #expect(try store.site(domain: "example.com") == updated)
        #expect(throws: SQLiteStoreError.unknownSite(domain: "other.test")) {
            try store.updateSite(domain: "other.test", timezone: "UTC")
        }
    }

    @Test func removeHidesTheSiteAndReAddingRestoresItsID() throws {
        let site = try store.addSite(domain: "example.com")
        let other = try store.addSite(domain: "other.test")
        #expect(try store.removeSite(domain: "WWW.example.com"))
        #expect(try store.removeSite(domain: "example.com") == false)
        #expect(try store.site(domain: "example.com") == nil)
        #expect(try store.allSites() == [other])
        let again = try store.addSite(domain: "example.com", timezone: "Asia/Tokyo")
        #expect(again.id == site.id)
        #expect(try store.site(domain: "example.com")?.timezone == "Asia/Tokyo")
    }

    @Test func idsAreNeverReused() throws {
        let first = try store.addSite(domain: "a.test")
        try store.writer.write { db in try db.execute(sql: "DELETE FROM sites") }
        let second = try store.addSite(domain: "b.test")
        #expect(second.id > first.id)
    }

    @Test func versionMovesOnEveryChange() throws {
        var versions = [try store.sitesVersion()]
        try store.addSite(domain: "example.com")
        versions.append(try store.sitesVersion())
        try store.updateSite(domain: "example.com", timezone: "Asia/Tokyo")
        versions.append(try store.sitesVersion())
        try store.removeSite(domain: "example.com")
        versions.append(try store.sitesVersion())
        #expect(Set(versions).count == 4)
        #expect(try store.removeSite(domain: "example.com") == false)
        #expect(try store.sitesVersion() == versions.last)
    }

    @Test func versionSeesChangesFromAnotherConnection() throws {
        let folder = TemporaryFolder()
        let path = folder.path + "/perch.sqlite"
        let server = try SQLiteStore(path: path)
        let cli = try SQLiteStore(path: path)
        let before = try server.sitesVersion()
        try cli.addSite(domain: "example.com")
        #expect(try server.sitesVersion() != before)
        #expect(try server.site(domain: "example.com") != nil)
    }
}
