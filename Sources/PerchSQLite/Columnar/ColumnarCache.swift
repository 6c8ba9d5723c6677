import Synchronization

/// Sites' recent rows held as columns for the Stats API (`SiteColumns`, each in its own
/// `SiteColumnsBox`), within a byte budget (least recently used out first), and the log of this
/// process's commits that tells each site's columns what changed since they were read
/// (`OwnCommitLog`). Lock order: a box, then the cache — the cache never waits for a box.
///
/// Shared by every `SQLiteStore` on one `SQLiteDatabase`; the writer records each commit here
/// before it commits (`record`), so a reader that sees the commit also finds it logged.
package final class ColumnarCache: Sendable {
    /// 512 MiB: the busiest site of a 10-million-event seed takes about 190 MB for its 30 days.
    package static let defaultBudget = 512 << 20

    private struct State {
        /// `sequence` and `bytes` as last reported by the box's holder (`noteRefreshed`).
        var entries: [Int64: (box: SiteColumnsBox, lastUse: UInt64, sequence: Int64, bytes: Int)] = [:]
        var loading: Set<Int64> = []
        /// Sites whose columns did not fit the budget: not loaded again.
        var oversized: Set<Int64> = []
        var log = OwnCommitLog()
        var uses: UInt64 = 0
        var answered = 0
    }

    /// What a finished load reports (for the server's log).
    package struct LoadReport: Sendable {
        package var siteID: Int64
        package var events: Int
        package var sessions: Int
        package var bytes: Int
        package var kept: Bool
        package var duration: Duration
    }

    /// Bytes of columns held at most; 0 turns the cache off.
    let budget: Int
    /// The sites' loads, one at a time (`SQLiteStore.loadColumns`).
    let loads = ColumnLoadQueue()
    private let state = Mutex(State())
    /// In a class, not as a bare closure in the `Mutex`: a function value read through `inout`
    /// from a generic container gains a pair of reabstraction thunks on every access.
    private let loadObserver = Mutex<LoadObserver?>(nil)

    init(budget: Int) {
        self.budget = budget
    }

    var isEnabled: Bool { budget > 0 }

    /// How many requests the columns have answered (each saved a scan of the tables).
    var answeredRequests: Int { state.withLock { $0.answered } }

    func countAnswer() {
        state.withLock { $0.answered += 1 }
    }

    /// The site's columns, marked as just used.
    func box(of siteID: Int64) -> SiteColumnsBox? {
        state.withLock { state in
            guard let entry = state.entries[siteID] else { return nil }
            state.uses += 1
            state.entries[siteID]?.lastUse = state.uses
            return entry.box
        }
    }

    /// The site's columns without marking them used (a save is not a use).
    func heldBox(of siteID: Int64) -> SiteColumnsBox? {
        state.withLock { $0.entries[siteID]?.box }
    }

    /// True when the site's columns from `from` or earlier are held (without marking them used).
    func holds(_ siteID: Int64, from: Int64) -> Bool {
        state.withLock { state in state.entries[siteID].map { $0.box.from <= from } ?? false }
    }

    /// The sites whose columns are held.
    var heldSites: [Int64] {
        state.withLock { $0.entries.keys.sorted() }
    }

    /// A copy of the site's columns as they are now.
    func columns(of siteID: Int64) -> SiteColumns? {
        box(of: siteID)?.snapshot
    }

    /// Records where a box's columns got to after a query brought them up to date (unless a
    /// load has put another box in its place meanwhile).
    func noteRefreshed(_ box: SiteColumnsBox, sequence: Int64, bytes: Int) {
        state.withLock { state in
            guard state.entries[box.siteID]?.box === box else { return }
            state.entries[box.siteID]?.sequence = sequence
            state.entries[box.siteID]?.bytes = bytes
            Self.evict(&state, budget: budget)
            Self.trimLog(&state)
        }
    }

    /// Keeps `columns` unless newer ones of the site are held; evicts the least recently used
    /// sites while over budget. False when they alone exceed the budget (the site is then not
    /// loaded again).
    @discardableResult
    func store(_ columns: SiteColumns) -> Bool {
        guard isEnabled else { return false }
        return state.withLock { state in
            guard columns.byteSize <= budget else {
                state.oversized.insert(columns.siteID)
                state.entries[columns.siteID] = nil
                return false
            }
            if let held = state.entries[columns.siteID], held.box.from <= columns.from,
                held.sequence >= columns.sequence
            {
                return true
            }
            state.uses += 1
            state.entries[columns.siteID] = (SiteColumnsBox(columns), state.uses, columns.sequence, columns.byteSize)
            Self.evict(&state, budget: budget)
            Self.trimLog(&state)
            return true
        }
    }

    private static func evict(_ state: inout State, budget: Int) {
        var bytes = state.entries.values.reduce(0) { $0 + $1.bytes }
        while bytes > budget, let oldest = state.entries.min(by: { $0.value.lastUse < $1.value.lastUse }) {
            bytes -= oldest.value.bytes
            state.entries[oldest.key] = nil
        }
    }

    /// Called by the writer inside an event-writing transaction, before it commits.
    func record(_ commit: OwnCommitLog.Commit) {
        guard isEnabled else { return }
        state.withLock { state in
            state.log.record(commit)
            // Nothing held or being read: only the last few commits are kept, for a load that
            // starts while they are still in flight (a CLI writing events keeps no more).
            guard !state.entries.isEmpty || !state.loading.isEmpty else {
                state.log.keepLast(OwnCommitLog.idleCapacity)
                return
            }
            // The sites read longest ago pin the oldest commits: past the capacity they go (and
            // are loaded again when next asked).
            while state.log.commits.count > OwnCommitLog.capacity {
                guard state.loading.isEmpty,
                    let stalest = state.entries.min(by: { $0.value.sequence < $1.value.sequence })
                else {
                    state.log.removeAll()
                    state.entries.removeAll()
                    return
                }
                state.entries[stalest.key] = nil
                Self.trimLog(&state)
            }
        }
    }

    /// Forgets a recorded commit whose transaction rolled back.
    func retract(_ commit: OwnCommitLog.Commit) {
        state.withLock { $0.log.retract(commit) }
    }

    func change(to siteID: Int64, after: Int64, through: Int64) -> OwnCommitLog.Change {
        state.withLock { $0.log.change(to: siteID, after: after, through: through) }
    }

    /// True when the caller should load the site (no load of it is under way); pair with `endLoading`.
    func beginLoading(_ siteID: Int64) -> Bool {
        guard isEnabled else { return false }
        return state.withLock { !$0.oversized.contains(siteID) && $0.loading.insert(siteID).inserted }
    }

    package func observeLoads(_ observer: @escaping @Sendable (LoadReport) -> Void) {
        let box = LoadObserver(notify: observer)
        loadObserver.withLock { $0 = box }
    }

    func reportLoad(_ report: LoadReport) {
        loadObserver.withLock { $0 }?.notify(report)
    }

    func endLoading(_ siteID: Int64) {
        state.withLock { state in
            state.loading.remove(siteID)
            Self.trimLog(&state)
        }
    }

    /// Commits every held site has read past are dropped, unless a load (which may still need
    /// them) is under way.
    private static func trimLog(_ state: inout State) {
        guard state.loading.isEmpty else { return }
        guard let oldest = state.entries.values.map(\.sequence).min() else {
            state.log.keepLast(OwnCommitLog.idleCapacity)
            return
        }
        state.log.forget(through: oldest)
    }
}

/// What `ColumnarCache` tells when it has loaded a site's columns.
private final class LoadObserver: Sendable {
    let notify: @Sendable (ColumnarCache.LoadReport) -> Void

    init(notify: @escaping @Sendable (ColumnarCache.LoadReport) -> Void) {
        self.notify = notify
    }
}
