import Dispatch
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

    /// A directory behind the network (ClickHouse) whose version read waits until `open()`.
    final class RemoteDirectory: SiteDirectory {
        let sites = Mutex<[Site]>([])
        let gate = DispatchSemaphore(value: 0)
        let gated = Mutex(false)

        var readsLocally: Bool { false }

        func allSites() throws -> [Site] { sites.withLock { $0 } }

        func sitesVersion() throws -> Int64 {
            if gated.withLock({ $0 }) {
                gate.wait()
                gate.signal()
            }
            return Int64(sites.withLock { $0.count })
        }
    }

    /// An unknown domain never makes an event loop wait on a remote directory (on ClickHouse a
    /// blocking read there stopped the process): the lookup answers nil at once, the check runs in
    /// the background, and a later lookup finds the site.
    @Test func aRemoteDirectoryIsCheckedInTheBackground() async throws {
        let directory = RemoteDirectory()
        let registry = SiteRegistry()
        let refresher = SiteRefresher(
            directory: directory, registry: registry, interval: .seconds(3600), missCheckInterval: .zero,
            logger: Self.logger)
        try refresher.refresh()
        refresher.watchMisses()
        directory.sites.withLock { $0.append(Site(id: 7, domain: "new.test")) }
        directory.gated.withLock { $0 = true }
        // The version read is blocked: a lookup that waited for it would never return here.
        #expect(registry.site(forDomain: "new.test") == nil)
        directory.gate.signal()
        var found: Site?
        for _ in 0..<200 where found == nil {
            found = registry.site(forDomain: "new.test")
            if found == nil { try await Task.sleep(for: .milliseconds(10)) }
        }
        #expect(found?.id == 7)
    }
}
