import CoreMetrics
import Synchronization

/// Prometheus counters that follow totals kept elsewhere since start (the session cache's
/// evictions, the journal's syncs), read at each scrape: a report adds to each counter what its
/// total grew by past the largest seen. Scrapes that overlap may report their totals out of
/// order; an older report then adds nothing, and the newer one is not counted twice.
final class CounterTotals: Sendable {
    private let counters: [CoreMetrics.Counter]
    private let largestSeen: Mutex<[Int]>

    init(_ counters: [CoreMetrics.Counter]) {
        self.counters = counters
        largestSeen = Mutex(Array(repeating: 0, count: counters.count))
    }

    /// `totals` in the order of the counters given at `init`.
    func report(_ totals: [Int]) {
        precondition(totals.count == counters.count, "one total per counter")
        let increments = largestSeen.withLock { seen in
            totals.indices.map { index in
                let increment = max(0, totals[index] - seen[index])
                seen[index] += increment
                return increment
            }
        }
        for (counter, increment) in zip(counters, increments) where increment > 0 {
            counter.increment(by: increment)
        }
    }
}
