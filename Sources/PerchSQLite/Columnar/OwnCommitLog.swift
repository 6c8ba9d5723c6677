/// The event-writing commits this process made, by the `seq` numbers they took and the earliest
/// instant they touched per site: what tells a cached site's columns whether the commits since
/// they were read changed the site, and from when (see `ColumnarCache.change`).
///
/// Every writer of events numbers them from `event_sequence`, so a range of numbers this log
/// does not cover was written by another process, whose changes are unknown.
struct OwnCommitLog: Sendable {
    struct Commit: Sendable {
        var first: Int64
        var last: Int64
        /// Site → the earliest event timestamp or session `timestamp` the commit wrote.
        var earliest: [Int64: Int64]
    }

    /// What the commits of a range of numbers did to one site.
    enum Change: Equatable {
        case none
        case since(Int64)
        /// Some of the range is not this process's.
        case unknown
    }

    /// Beyond this many commits the log is forgotten (and with it every cached site).
    static let capacity = 100_000
    /// While no site is held: enough for the commits in flight when a load begins.
    static let idleCapacity = 1_000

    private(set) var commits: [Commit] = []

    mutating func record(_ commit: Commit) {
        commits.append(commit)
    }

    /// Removes the latest record of `commit`'s numbers (its transaction rolled back).
    mutating func retract(_ commit: Commit) {
        guard let index = commits.lastIndex(where: { $0.first == commit.first && $0.last == commit.last }) else {
            return
        }
        commits.remove(at: index)
    }

    /// The change to `siteID` by the commits numbered `after + 1 ... through`.
    func change(to siteID: Int64, after: Int64, through: Int64) -> Change {
        guard through > after else { return .none }
        // A rolled-back commit's numbers are taken again by the next one, so ranges may repeat.
        let overlapping = commits.filter { $0.last > after && $0.first <= through }.sorted { $0.first < $1.first }
        var covered = after
        var earliest: Int64?
        for commit in overlapping {
            guard commit.first <= covered + 1 else { return .unknown }
            covered = max(covered, commit.last)
            if let instant = commit.earliest[siteID] { earliest = min(earliest ?? instant, instant) }
        }
        guard covered >= through else { return .unknown }
        return earliest.map(Change.since) ?? .none
    }

    /// Drops the commits every holder has read past.
    mutating func forget(through sequence: Int64) {
        commits.removeAll { $0.last <= sequence }
    }

    mutating func keepLast(_ count: Int) {
        if commits.count > count { commits.removeFirst(commits.count - count) }
    }

    mutating func removeAll() {
        commits.removeAll()
    }
}
