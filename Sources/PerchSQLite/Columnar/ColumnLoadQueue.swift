import Synchronization

/// Sites' column loads, run one at a time, in the order asked, a query's site ahead of the
/// start-up preload's next one. Asking for a site whose load is queued or running joins that
/// load instead of starting another: the preload waits for the load a query started rather than
/// loading the next site beside it. On a small machine two loads beside each other each take
/// about twice as long, so the site a query waits for comes soonest when it loads alone.
final class ColumnLoadQueue: Sendable {
    /// Reads a site's columns from the instant given on and keeps them.
    typealias Load = @Sendable (_ siteID: Int64, _ from: Int64) async throws -> Void

    /// Where a site's load goes in the queue.
    enum Urgency: Sendable {
        /// A query waits for it: ahead of the preload's loads (behind other queries').
        case query
        /// The start-up preload's: behind every load asked before.
        case preload
    }

    private struct Job {
        let siteID: Int64
        /// Lowered while queued when another asker needs earlier rows.
        var from: Int64
        let load: Load
        var waiters: [CheckedContinuation<Void, any Error>] = []
    }

    private struct State {
        var running: Job?
        var queries: [Job] = []
        var preloads: [Job] = []
        /// Loads run so far, by site.
        var started: [Int64: Int] = [:]
        /// A task is running the queued jobs (`runJobs`).
        var looping = false
    }

    private let state = Mutex(State())

    init() {}

    /// How many loads of the site have started.
    func startedLoads(of siteID: Int64) -> Int {
        state.withLock { $0.started[siteID, default: 0] }
    }

    /// How many callers wait for the site's queued or running loads.
    func waiters(of siteID: Int64) -> Int {
        state.withLock { state in
            ([state.running].compactMap { $0 } + state.queries + state.preloads).filter { $0.siteID == siteID }
                .reduce(0) { $0 + $1.waiters.count }
        }
    }

    /// True while a load of the site is queued or running.
    func isLoading(_ siteID: Int64) -> Bool {
        state.withLock { state in
            state.running?.siteID == siteID || state.queries.contains { $0.siteID == siteID }
                || state.preloads.contains { $0.siteID == siteID }
        }
    }

    /// Queues the site's load with `load` unless a load of it from `from` or earlier is queued
    /// or running, and returns at once (loads run in a task of their own).
    func enqueue(_ siteID: Int64, from: Int64, urgency: Urgency, load: @escaping Load) {
        let start = state.withLock { Self.add(&$0, siteID, from, urgency, load, waiter: nil) }
        if start { startRunning() }
    }

    /// As `enqueue`, then waits until the load it joined or queued has finished; throws its error.
    func load(_ siteID: Int64, from: Int64, urgency: Urgency, load: @escaping Load) async throws {
        try await withCheckedThrowingContinuation { (waiter: CheckedContinuation<Void, any Error>) in
            let start = state.withLock { Self.add(&$0, siteID, from, urgency, load, waiter: waiter) }
            if start { startRunning() }
        }
    }

    /// Adds the job, or joins a queued or running one of the site; true when no task runs the
    /// queue (the caller starts one).
    private static func add(
        _ state: inout State, _ siteID: Int64, _ from: Int64, _ urgency: Urgency, _ load: @escaping Load,
        waiter: CheckedContinuation<Void, any Error>?
    ) -> Bool {
        let waiters = waiter.map { [$0] } ?? []
        if let running = state.running, running.siteID == siteID, running.from <= from {
            state.running?.waiters += waiters
            return false
        }
        if let index = state.queries.firstIndex(where: { $0.siteID == siteID }) {
            state.queries[index].from = min(state.queries[index].from, from)
            state.queries[index].waiters += waiters
            return false
        }
        if let index = state.preloads.firstIndex(where: { $0.siteID == siteID }) {
            var job = state.preloads[index]
            job.from = min(job.from, from)
            job.waiters += waiters
            if urgency == .query {
                state.preloads.remove(at: index)
                state.queries.append(job)
            } else {
                state.preloads[index] = job
            }
            return false
        }
        let job = Job(siteID: siteID, from: from, load: load, waiters: waiters)
        switch urgency {
        case .query: state.queries.append(job)
        case .preload: state.preloads.append(job)
        }
        guard !state.looping else { return false }
        state.looping = true
        return true
    }

    /// At the default priority: at `.utility`, behind tasks that keep the cooperative pool busy,
    /// the loop was seen never to run, and everyone waiting for a load waited for ever.
    private func startRunning() {
        Task.detached { await self.runJobs() }
    }

    /// Runs the queued jobs one after another, queries' first, until none is left.
    private func runJobs() async {
        while let job = state.withLock({ Self.next(&$0) }) {
            let result: Result<Void, any Error>
            do {
                result = .success(try await job.load(job.siteID, job.from))
            } catch {
                result = .failure(error)
            }
            let waiters = state.withLock { state in
                defer { state.running = nil }
                return state.running?.waiters ?? []
            }
            for waiter in waiters { waiter.resume(with: result) }
        }
    }

    /// Takes the next job as the running one; nil (and no task running the queue) when none is left.
    private static func next(_ state: inout State) -> Job? {
        let job: Job
        if !state.queries.isEmpty {
            job = state.queries.removeFirst()
        } else if !state.preloads.isEmpty {
            job = state.preloads.removeFirst()
        } else {
            state.looping = false
            return nil
        }
        state.running = job
        state.started[job.siteID, default: 0] += 1
        return job
    }
}
