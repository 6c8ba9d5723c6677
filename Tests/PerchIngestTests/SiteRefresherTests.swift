import Logging
import PerchCore
import Synchronization
import Testing

@testable import PerchIngest

/// A site added by another process is found by the very next lookup of its domain: an unknown
/// domain makes the registry check the directory's version (at most once per interval).
@Suite struct SiteRefresherTests {
    final class FakeDirectory: SiteDirectory {
        private let state = Mutex<(sites: [Site], version: Int64, versionReads: Int)>(([], 0, 0))

        func add(_ site: Site) {
            state.withLock {
                $0.sites.append(site)
                $0.version += 1
            }
        }

        var versionReads: Int { state.withLock { $0.versionReads } }

        func allSites() throws -> [Site] { state.withLock { $0.sites } }

        func sitesVersion() throws -> Int64 {
            state.withLock {
                $0.versionReads += 1
                return $0.version
            }
        }
    }

    static let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    func refresher(_ directory: FakeDirectory, missCheck: Duration) throws -> (SiteRegistry, SiteRefresher) {
        let registry = SiteRegistry()
        let refresher = SiteRefresher(
            directory: directory, registry: registry, interval: .seconds(3600), missCheckInterval: missCheck,
            logger: Self.logger)
        try refresher.refresh()
        refresher.watchMisses()
        return (registry, refresher)
    }

    @Test func siteAddedAfterTheLastLoadIsFoundAtOnce() throws {
        let directory = FakeDirectory()
        let (registry, _) = try refresher(directory, missCheck: .zero)
        #expect(registry.site(forDomain: "new.test") == nil)
        directory.add(Site(id: 1, domain: "new.test"))
        #expect(registry.site(forDomain: "WWW.new.test")?.id == 1)
    }

    @Test func unknownDomainsCheckTheDirectoryAtMostOncePerInterval() throws {
        let directory = FakeDirectory()
        let (registry, _) = try refresher(directory, missCheck: .seconds(3600))
        let reads = directory.versionReads
        for _ in 0..<100 { _ = registry.site(forDomain: "unknown.test") }
        #expect(directory.versionReads == reads + 1)
    }

    @Test func aNewRevenueGoalIsSeenBeforeTheEventItApplies() throws {
        let directory = FakeDirectory()
        directory.add(Site(id: 1, domain: "shop.test"))
        let (registry, _) = try refresher(directory, missCheck: .zero)
        let known = try #require(registry.site(forDomain: "shop.test"))
        #expect(known.revenueGoals.isEmpty)
        directory.add(Site(id: 1, domain: "shop.test", revenueGoals: ["Purchase": "EUR"]))
        #expect(registry.latest(known).revenueGoals == ["Purchase": "EUR"])
    }
}
