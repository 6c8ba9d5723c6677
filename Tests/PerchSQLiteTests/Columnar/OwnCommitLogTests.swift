import Testing

@testable import PerchSQLite

/// What the log of this process's commits tells a site's cached columns about the numbers since
/// they were read: nothing, a change from an instant, or numbers another process took.
@Suite struct OwnCommitLogTests {
    typealias Commit = OwnCommitLog.Commit

    static func log(_ commits: [Commit]) -> OwnCommitLog {
        var log = OwnCommitLog()
        for commit in commits { log.record(commit) }
        return log
    }

    /// Three adjacent commits: 1…3 touches sites 1 and 2, 4…4 site 2 only, 5…9 site 1.
    static let adjacent = log([
        Commit(first: 1, last: 3, earliest: [1: 500, 2: 100]),
        Commit(first: 4, last: 4, earliest: [2: 50]),
        Commit(first: 5, last: 9, earliest: [1: 300]),
    ])

    struct Case: Sendable, CustomTestStringConvertible {
        var site: Int64
        var after: Int64
        var through: Int64
        var expected: OwnCommitLog.Change
        var testDescription: String { "site \(site), \(after)<n≤\(through) → \(expected)" }
    }

    @Test(arguments: [
        // Nothing committed since.
        Case(site: 1, after: 9, through: 9, expected: .none),
        Case(site: 1, after: 9, through: 3, expected: .none),
        // The earliest instant of the covered commits that touched the site.
        Case(site: 1, after: 0, through: 9, expected: .since(300)),
        Case(site: 1, after: 0, through: 3, expected: .since(500)),
        Case(site: 1, after: 3, through: 9, expected: .since(300)),
        Case(site: 2, after: 0, through: 9, expected: .since(50)),
        Case(site: 2, after: 0, through: 3, expected: .since(100)),
        // A commit read in part still counts whole: its numbers start before `after + 1`.
        Case(site: 2, after: 2, through: 4, expected: .since(50)),
        // Other sites' instants are ignored: only site 2 changed in 4…4.
        Case(site: 1, after: 3, through: 4, expected: .none),
        Case(site: 2, after: 4, through: 9, expected: .none),
        Case(site: 7, after: 0, through: 9, expected: .none),
        // Numbers past the last logged commit were taken by someone else.
        Case(site: 1, after: 0, through: 10, expected: .unknown),
        Case(site: 7, after: 9, through: 12, expected: .unknown),
    ])
    func adjacentCommits(_ check: Case) {
        #expect(Self.adjacent.change(to: check.site, after: check.after, through: check.through) == check.expected)
    }

    @Test func gapIsUnknown() {
        // 4…6 are missing: another process's commit.
        let log = Self.log([
            Commit(first: 1, last: 3, earliest: [1: 100]),
            Commit(first: 7, last: 8, earliest: [1: 200]),
        ])
        #expect(log.change(to: 1, after: 0, through: 8) == .unknown)
        #expect(log.change(to: 1, after: 3, through: 8) == .unknown)
        #expect(log.change(to: 2, after: 3, through: 8) == .unknown)
        #expect(log.change(to: 1, after: 0, through: 3) == .since(100))
        #expect(log.change(to: 1, after: 6, through: 8) == .since(200))
    }

    @Test func missingStartIsUnknown() {
        let log = Self.log([Commit(first: 5, last: 8, earliest: [1: 100])])
        #expect(log.change(to: 1, after: 2, through: 8) == .unknown)
        #expect(log.change(to: 1, after: 4, through: 8) == .since(100))
    }

    @Test func recordedOutOfOrderStillCovers() {
        let log = Self.log([
            Commit(first: 4, last: 6, earliest: [1: 400]),
            Commit(first: 1, last: 3, earliest: [1: 900]),
        ])
        #expect(log.change(to: 1, after: 0, through: 6) == .since(400))
    }

    @Test func repeatedRangeOfRolledBackCommit() {
        // 3…5 was rolled back (site 2) and taken again by the next commit (site 1, fewer numbers).
        let log = Self.log([
            Commit(first: 1, last: 2, earliest: [1: 1_000]),
            Commit(first: 3, last: 5, earliest: [2: 10]),
            Commit(first: 3, last: 4, earliest: [1: 700]),
            Commit(first: 5, last: 6, earliest: [1: 800]),
        ])
        #expect(log.change(to: 1, after: 2, through: 6) == .since(700))
        #expect(log.change(to: 1, after: 0, through: 6) == .since(700))
        #expect(log.change(to: 1, after: 4, through: 6) == .since(800))
        // Conservative for the rolled-back commit's site: an earlier refresh than needed is harmless.
        #expect(log.change(to: 2, after: 2, through: 6) == .since(10))
        #expect(log.change(to: 3, after: 2, through: 6) == .none)
        #expect(log.change(to: 1, after: 2, through: 7) == .unknown)
    }

    @Test func forgetDropsCommitsReadPast() {
        var log = Self.adjacent
        log.forget(through: 4)
        #expect(log.commits.map(\.first) == [5])
        #expect(log.change(to: 1, after: 4, through: 9) == .since(300))
        // The dropped numbers are no longer known to be this process's.
        #expect(log.change(to: 1, after: 0, through: 9) == .unknown)
        #expect(log.change(to: 2, after: 2, through: 9) == .unknown)
    }

    @Test func forgetKeepsCommitReadInPart() {
        var log = Self.adjacent
        log.forget(through: 2)
        #expect(log.commits.map(\.first) == [1, 4, 5])
        #expect(log.change(to: 2, after: 2, through: 9) == .since(50))
        log.forget(through: 9)
        #expect(log.commits.isEmpty)
        #expect(log.change(to: 1, after: 9, through: 9) == .none)
    }
}
