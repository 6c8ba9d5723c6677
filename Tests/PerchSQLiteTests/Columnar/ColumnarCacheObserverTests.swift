import Synchronization
import Testing

@testable import PerchSQLite

/// The load observer is told of every site load for the life of the server: the thousandth call
/// must run as shallow on the stack as the first (a closure kept bare in a `Mutex` would gain a
/// pair of reabstraction thunks per call and nest deeper each time).
struct ColumnarCacheObserverTests {
    private static func stackAddress() -> UInt {
        var marker = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }

    @Test func reportingALoadDoesNotNestDeeperEachTime() {
        let cache = ColumnarCache(budget: 1 << 20)
        let depths = Mutex<[UInt]>([])
        cache.observeLoads { _ in depths.withLock { $0.append(Self.stackAddress()) } }
        let report = ColumnarCache.LoadReport(siteID: 1, events: 0, sessions: 0, bytes: 0, kept: true, duration: .zero)
        for _ in 0..<2_000 { cache.reportLoad(report) }
        let seen = depths.withLock { $0 }
        #expect(seen.count == 2_000)
        let (first, last) = (seen[0], seen[seen.count - 1])
        #expect(first >= last && first - last < 1_024, "the 2,000th report ran \(Int(first) - Int(last)) bytes deeper")
    }
}
