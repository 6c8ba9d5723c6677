import Synchronization
import Testing

@testable import PerchSQLite

/// Loads run one at a time, a query's site ahead of the preload's, and asking for a site that is
/// queued or loading joins that load. The loads are stand-ins that record what ran and wait to
/// be released, so each test decides when a load ends (no timing involved).
@Suite struct ColumnLoadQueueTests {
    /// A stand-in loader: records each load as it starts (site and `from`) and the most loads
    /// seen running at once; each load waits until `release` lets it end.
    final class Loader: Sendable {
        private struct State {
            var started: [(site: Int64, from: Int64)] = []
            var running = 0
            var mostRunning = 0
            var gates: [Int64: CheckedContinuation<Void, Never>] = [:]
        }

        private let state = Mutex(State())

        var load: ColumnLoadQueue.Load {
            { [self] site, from in
                await withCheckedContinuation { gate in
                    state.withLock { state in
                        state.started.append((site, from))
                        state.running += 1
                        state.mostRunning = max(state.mostRunning, state.running)
                        state.gates[site] = gate
                    }
                }
                state.withLock { $0.running -= 1 }
            }
        }

        var startedSites: [Int64] { state.withLock { $0.started.map(\.site) } }
        var startedFroms: [Int64] { state.withLock { $0.started.map(\.from) } }
        var mostRunning: Int { state.withLock { $0.mostRunning } }

        /// Waits until the site's load has started (it is then running), then lets it end.
        func release(_ site: Int64) async {
            await waitUntilRunning(site)
            let gate = state.withLock { $0.gates.removeValue(forKey: site) }
            gate?.resume()
        }

        /// Polls until the site's load waits at its gate.
        func waitUntilRunning(_ site: Int64) async {
            await ColumnLoadQueueTests.poll { self.state.withLock { $0.gates[site] != nil } }
        }
    }

    /// Returns once `condition` holds, checking every millisecond. Sleeping, not yielding: a
    /// task spinning on `Task.yield()` can keep the queue's lower-priority load task from running.
    static func poll(until condition: @Sendable () -> Bool) async {
        while !condition() { try? await Task.sleep(for: .milliseconds(1)) }
    }

    final class Finished: Sendable {
        let count = Mutex(0)
    }

    @Test func thePreloadJoinsTheLoadAQueryStarted() async throws {
        let (queue, loader) = (ColumnLoadQueue(), Loader())
        queue.enqueue(1, from: 100, urgency: .query, load: loader.load)
        await loader.waitUntilRunning(1)
        // The preload, as `preloadBusiestSites` asks: every site queued, then each waited for.
        let preload = Task {
            for site in Int64(1)...3 { queue.enqueue(site, from: 100, urgency: .preload, load: loader.load) }
            for site in Int64(1)...3 { try await queue.load(site, from: 100, urgency: .preload, load: loader.load) }
        }
        await Self.poll { queue.waiters(of: 1) > 0 }
        await loader.release(1)
        await loader.release(2)
        await loader.release(3)
        try await preload.value
        #expect(loader.startedSites == [1, 2, 3])
        #expect(loader.mostRunning == 1)
        #expect(!queue.isLoading(1) && !queue.isLoading(3))
    }

    @Test func aQueriedSiteStartsNoLoadBesideTheRunningOneAndGoesAheadOfThePreload() async throws {
        let (queue, loader) = (ColumnLoadQueue(), Loader())
        for site in Int64(1)...3 { queue.enqueue(site, from: 100, urgency: .preload, load: loader.load) }
        await loader.waitUntilRunning(1)
        // Queries for a site the preload has queued and for one it has not, while site 1 loads.
        queue.enqueue(3, from: 100, urgency: .query, load: loader.load)
        queue.enqueue(7, from: 100, urgency: .query, load: loader.load)
        #expect(loader.startedSites == [1])
        #expect(queue.isLoading(7))
        for site: Int64 in [1, 3, 7, 2] { await loader.release(site) }
        #expect(loader.startedSites == [1, 3, 7, 2])
        #expect(loader.mostRunning == 1)
    }

    @Test func everyoneAskingForALoadingSiteWaitsForTheOneLoad() async throws {
        let (queue, loader) = (ColumnLoadQueue(), Loader())
        let finished = Finished()
        let askers = (0..<3).map { _ in
            Task {
                try await queue.load(5, from: 100, urgency: .query, load: loader.load)
                finished.count.withLock { $0 += 1 }
            }
        }
        await loader.waitUntilRunning(5)
        await Self.poll { queue.waiters(of: 5) == 3 }
        #expect(finished.count.withLock { $0 } == 0)
        await loader.release(5)
        for asker in askers { try await asker.value }
        #expect(finished.count.withLock { $0 } == 3)
        #expect(loader.startedSites == [5])
        #expect(queue.startedLoads(of: 5) == 1)
    }

    @Test func aQueuedLoadTakesTheEarliestFromAskedAndARunningOneIsNotJoinedForEarlierRows() async throws {
        let (queue, loader) = (ColumnLoadQueue(), Loader())
        queue.enqueue(1, from: 100, urgency: .query, load: loader.load)
        await loader.waitUntilRunning(1)
        queue.enqueue(2, from: 100, urgency: .preload, load: loader.load)
        queue.enqueue(2, from: 40, urgency: .preload, load: loader.load)
        // Site 1 is loading from 100: rows from 50 need a load of their own, after it.
        queue.enqueue(1, from: 50, urgency: .query, load: loader.load)
        // From 100 again: joins the running load (no third one).
        queue.enqueue(1, from: 100, urgency: .query, load: loader.load)
        await loader.release(1)
        await loader.waitUntilRunning(1)
        await loader.release(1)
        await loader.release(2)
        #expect(loader.startedSites == [1, 1, 2])
        #expect(loader.startedFroms == [100, 50, 40])
        #expect(queue.startedLoads(of: 1) == 2)
    }

    @Test func aFailedLoadIsReportedToItsWaitersAndTheQueueGoesOn() async throws {
        struct Failure: Error {}
        let queue = ColumnLoadQueue()
        let failing: ColumnLoadQueue.Load = { _, _ in throw Failure() }
        await #expect(throws: Failure.self) {
            try await queue.load(1, from: 0, urgency: .query, load: failing)
        }
        let loaded = Mutex<[Int64]>([])
        try await queue.load(2, from: 0, urgency: .preload) { site, _ in loaded.withLock { $0.append(site) } }
        #expect(loaded.withLock { $0 } == [2])
    }
}
