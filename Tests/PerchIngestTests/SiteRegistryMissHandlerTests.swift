import PerchCore
import Synchronization
import Testing

@testable import PerchIngest

/// The registry's miss handler is called for every event of an unknown domain and every revenue
/// event without a revenue goal, so calling it must cost the same on the millionth call as on the
/// first. A closure kept in a generic container and read through `inout` is wrapped in a new pair
/// of reabstraction thunks on each access; the calls then nest ever deeper (slower each time, and
/// finally a stack overflow).
struct SiteRegistryMissHandlerTests {
    /// The stack depth inside the handler, as the address of a local variable.
    private static func stackAddress() -> UInt {
        var marker = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }

    @Test func callingTheMissHandlerDoesNotNestDeeperEachTime() {
        let registry = SiteRegistry(sites: [Site(id: 1, domain: "known.test")])
        let depths = Mutex<[UInt]>([])
        registry.reloadOnMiss {
            depths.withLock { $0.append(Self.stackAddress()) }
            return false
        }
        for _ in 0..<5_000 { _ = registry.site(forDomain: "unknown.test") }
        let seen = depths.withLock { $0 }
        #expect(seen.count == 5_000)
        let first = seen[0]
        let last = seen[seen.count - 1]
        // Growing by a frame or two per call would put the last call tens of kilobytes deeper.
        #expect(first >= last && first - last < 1_024, "the 5,000th call ran \(Int(first) - Int(last)) bytes deeper")
    }
}
