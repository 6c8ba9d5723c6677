import PerchCore
import PerchStats

/// `perch store copy --from sqlite --to clickhouse`: moves a store's sites, shield rules, goals,
/// API keys, salts, events and sessions into ClickHouse, resumably, then verifies row counts
/// (dashboard accounts: `copyAccounts(from:)`, async like their role).
///
/// * Configuration is copied through the roles, each item only if the target lacks it, so a run
///   again adds nothing. Sites keep their domains; their ClickHouse ids (hashes of the domain)
///   differ from the source's, so rows are rewritten with the mapped id.
/// * Events and sessions are copied per site in the source's key order, a batch at a time. Each
///   batch first asks ClickHouse which of its rows are already there (events by the source's
///   sequence, stored as `journal_sequence` of the node `perch-copy`; sessions by their stored
///   state, as the event writer does after a crash) and inserts only the rest. After a batch the
///   site's progress (the batch's last second) goes to `journal_positions` under
///   `perch-copy/events/ID` or `perch-copy/sessions/ID`; an interrupted copy resumes at that second.
/// * `verify()` compares per-site counts: events of node `perch-copy`, and live sessions (the sum
///   of `sign`), against the source's.
///
/// The source must not change meanwhile (no server on it). Blocking: call from a plain thread.
package struct ClickHouseStoreCopy: Sendable {
    /// The `journal_node` of copied events; also the prefix of the progress rows.
    package static let node = "perch-copy"

    package let source: any StoreCopySource
    package let target: ClickHouseStore
    package var batchSize = 10_000
    /// Called with each progress line.
    package var report: @Sendable (String) -> Void
    /// Called after each step of a batch with the number of batches begun in this run; a test
    /// throws from it to interrupt the copy there.
    package var afterStep: (@Sendable (Step, Int) throws -> Void)?

    /// The steps of one batch: its rows inserted, then the site's progress recorded.
    package enum Step: Sendable, Hashable {
        case inserted, recorded
    }

    package init(
        source: any StoreCopySource, target: ClickHouseStore, report: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.source = source
        self.target = target
        self.report = report
    }

    /// Copies everything; returns the mapping from source site ids to ClickHouse's.
    @discardableResult
    package func run() throws -> [Int64: Int64] {
        let sites = try copySites()
        try copyShieldRules(sites: sites.values.map(\.domain))
        try copyGoals(domains: sites.values.map(\.domain))
        try copyAPIKeys()
        try copySalts()
        var batches = 0
        for (sourceID, site) in sites.sorted(by: { $0.key < $1.key }) {
            try copyEvents(from: sourceID, to: site, batches: &batches)
            try copySessions(from: sourceID, to: site, batches: &batches)
        }
        return sites.mapValues(\.id)
    }

    /// The source's active sites, each added to ClickHouse unless its domain is there already.
    private func copySites() throws -> [Int64: Site] {
        var mapped: [Int64: Site] = [:]
        for site in try source.allSites() {
            var copy: Site
            if let existing = try target.site(domain: site.domain) {
                copy = existing
            } else {
                copy = try target.addSite(domain: site.domain, timezone: site.timezone, rateLimit: site.rateLimit)
                report("site \(site.domain): added as \(copy.id)")
            }
            if site.debugDrops && !copy.debugDrops {
                try target.setDebugDrops(domain: site.domain, enabled: true)
                copy.debugDrops = true
            }
            mapped[site.id] = copy
        }
        report("sites: \(mapped.count)")
        return mapped
    }

    private func copyShieldRules(sites domains: [String]) throws {
        var added = 0
        for domain in domains {
            let present = Set(try target.shieldRules(domain: domain))
            for rule in try source.shieldRules(domain: domain) where !present.contains(rule) {
                try target.addShieldRule(rule, domain: domain)
                added += 1
            }
        }
        report("shield rules: \(added) added")
    }

    private func copyGoals(domains: [String]) throws {
        var added = 0
        for domain in domains {
            for goal in try source.goals(domain: domain) where try target.addGoal(goal, domain: domain) {
                added += 1
            }
        }
        report("goals: \(added) added")
    }

    private func copyAPIKeys() throws {
        var added = 0
        for copied in try source.copyAPIKeys() where try target.activeAPIKey(hash: copied.keyHash) == nil {
            try target.importAPIKey(copied)
            added += 1
        }
        report("API keys: \(added) added")
    }

    private func copySalts() throws {
        let present = Set(try target.salts())
        var added = 0
        for salt in try source.salts() where !present.contains(salt) {
            try target.insert(salt)
            added += 1
        }
        report("salts: \(added) added")
    }
}
