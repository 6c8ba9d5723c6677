import PerchClickHouse
import PerchCore
import PerchJournal
import PerchSQLite
import PerchStats
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `perch store copy`: a SQLite store copied into ClickHouse holds the same rows per site, keeps
/// its configuration, resumes after an interruption without doubling anything, and a second run
/// copies nothing.
@Suite struct ClickHouseStoreCopyTests {
    /// Thrown by the fault hook to interrupt a copy.
    struct Interrupted: Error {}

    /// A SQLite store with three sites (one without rows), visits spread over three months (so
    /// batches cross ClickHouse partitions), a shield rule, goals, an API key and a salt.
    static func source() throws -> (store: SQLiteStore, secret: String) {
        let store = SQLiteStore(database: try .inMemory())
        let a = try store.addSite(domain: "a.example", timezone: "Europe/Tallinn", rateLimit: .default)
        let b = try store.addSite(
            domain: "b.example", timezone: "UTC", rateLimit: RateLimit(eventsPerMinute: nil, burst: 10))
        _ = try store.addSite(domain: "empty.example", timezone: "UTC", rateLimit: .default)
        try store.addShieldRule(ShieldRule(kind: .ip, value: "203.0.113.7"), domain: "a.example")
        _ = try store.addGoal(.event("Signup \"β\"", currency: "EUR"), domain: "a.example")
        _ = try store.addGoal(.page("/about"), domain: "b.example")
        let secret = "copy-test-secret-0123456789"
        _ = try store.createAPIKey(secret: secret, domain: "a.example", hourlyLimit: 99)
        try store.insert(Salt(bytes: Array(0..<16), createdAt: Fixtures.start))

        var entries: [JournalEntry] = []
        for number in 1...60 {
            let site = number.isMultiple(of: 3) ? b : a
            let paths = number.isMultiple(of: 4) ? ["/"] : ["/", "/about", "/p/\(number)"]
            // Two visits a day, several starting in the same second, over three months.
            let start = Fixtures.start + Int64(number / 2) * 86_400 * 3 / 2 + Int64(number % 2)
            entries += Fixtures.visit(siteID: site.id, number: number, paths: paths, at: start)
        }
        let sequenced = entries.enumerated().map { SequencedEntry(sequence: UInt64($0.offset + 1), entry: $0.element) }
        for chunk in stride(from: 0, to: sequenced.count, by: 50) {
            try store.write(StoreBatch(collapsing: Array(sequenced[chunk..<min(chunk + 50, sequenced.count)])))
        }
        return (store, secret)
    }

    static func copy(_ source: SQLiteStore, into client: ClickHouseClient, batchSize: Int = 17) -> ClickHouseStoreCopy {
        var copy = ClickHouseStoreCopy(source: source, target: ClickHouseStore(client: client))
        copy.batchSize = batchSize
        return copy
    }

    /// Every event and session of the site as export lines (no site ids in them).
    static func exported(_ store: some StoredDataExport, siteID: Int64) throws -> [String] {
        var lines: [String] = []
        try store.exportEvents(siteID: siteID, format: .ndjson) { lines.append($0) }
        try store.exportSessions(siteID: siteID, format: .ndjson) { lines.append($0) }
        return lines
    }

    /// Raw row counts of ClickHouse's tables: a duplicate insert would show here.
    static func rawRows(_ client: ClickHouseClient) throws -> [UInt64] {
        [
            try client.queryBlocking("SELECT count() FROM events").scalar().uint64(),
            try client.queryBlocking("SELECT count() FROM sessions").scalar().uint64(),
        ]
    }

    /// Runs `body` (blocking: SQLite and ClickHouse's blocking calls) on a Dispatch thread, with a
    /// migrated database of its own, so the tests never hold the cooperative pool's few threads.
    static func onServer(_ body: @escaping @Sendable (ClickHouseClient) throws -> Void) async throws {
        try await ClickHouseTestServer.withMigratedDatabase { (client: ClickHouseClient) async throws in
            try await BlockingWork.run { try body(client) }
        }
    }

    @Test func aCopyHoldsTheSameRowsAndConfiguration() async throws {
        let (source, secret) = try await BlockingWork.run { try Self.source() }
        try await Self.onServer { client in
            let copy = Self.copy(source, into: client)
            let sites = try copy.run()
            #expect(try copy.verify(sites: sites).isEmpty)
            let target = ClickHouseStore(client: client)

            let sourceSites = try source.allSites()
            #expect(Set(try target.allSites().map(\.domain)) == Set(sourceSites.map(\.domain)))
            let counts = try source.copyRowCounts()
            let copied = try copy.targetRowCounts()
            for site in sourceSites {
                let mapped = try #require(sites[site.id])
                #expect(try target.site(domain: site.domain)?.id == mapped)
                #expect(try target.site(domain: site.domain)?.timezone == site.timezone)
                #expect(try target.site(domain: site.domain)?.rateLimit == site.rateLimit)
                #expect(copied[mapped] ?? StoreRowCounts() == counts[site.id] ?? StoreRowCounts())
                #expect(try Self.exported(target, siteID: mapped) == Self.exported(source, siteID: site.id))
            }
            #expect(counts.count == 2)

            // Stats-relevant aggregates: pageviews summed over sessions, events per name.
            var sourcePageviews = 0
            for site in sourceSites {
                var names: [String: Int] = [:]
                try source.exportEvents(siteID: site.id) { names[$0.name, default: 0] += 1 }
                try source.exportSessions(siteID: site.id) { sourcePageviews += Int($0.pageviews) }
                let rows = try client.queryBlocking(
                    "SELECT name, count() FROM events WHERE site_id = \(UInt64(sites[site.id]!)) GROUP BY name"
                ).rows
                var copiedNames: [String: Int] = [:]
                for row in rows { copiedNames[try row[0].string()] = Int(try row[1].int64()) }
                #expect(copiedNames == names)
            }
            let pageviews = try client.queryBlocking("SELECT sum(sign * pageviews) FROM sessions").scalar().int64()
            #expect(pageviews == Int64(sourcePageviews))
            #expect(pageviews > 0)

            #expect(try target.shieldRules(domain: "a.example") == [ShieldRule(kind: .ip, value: "203.0.113.7")])
            #expect(try target.goals(domain: "a.example") == [.event("Signup \"β\"", currency: "EUR")])
            #expect(try target.goals(domain: "b.example") == [.page("/about")])
            #expect(try target.allSites().first { $0.domain == "a.example" }?.revenueGoals == ["Signup \"β\"": "EUR"])
            let key = try #require(try target.activeAPIKey(hash: APIKey.hash(secret)))
            #expect(key.siteDomain == "a.example" && key.hourlyLimit == 99)
            #expect(try target.salts() == source.salts())
        }
    }

    @Test func aSecondRunCopiesNothingMore() async throws {
        let (source, _) = try await BlockingWork.run { try Self.source() }
        try await Self.onServer { client in
            let sites = try Self.copy(source, into: client).run()
            let rows = try Self.rawRows(client)
            let store = ClickHouseStore(client: client)
            let keys = try store.apiKeys()
            let again = Self.copy(source, into: client, batchSize: 5)
            #expect(try again.run() == sites)
            #expect(try Self.rawRows(client) == rows)
            #expect(try again.verify(sites: sites).isEmpty)
            #expect(try store.apiKeys() == keys)
            #expect(try store.shieldRules(domain: "a.example").count == 1)
            #expect(try store.salts().count == 1)
        }
    }

    /// Interrupted after its rows went in but before its progress was recorded, or after both,
    /// at several batches (among events and among sessions), then run again: same rows, once.
    @Test(arguments: [(ClickHouseStoreCopy.Step.inserted, 3), (.recorded, 3), (.inserted, 12), (.recorded, 14)])
    func anInterruptedCopyResumedHoldsEveryRowOnce(step: ClickHouseStoreCopy.Step, batch: Int) async throws {
        let (source, _) = try await BlockingWork.run { try Self.source() }
        try await Self.onServer { client in
            var interrupted = Self.copy(source, into: client)
            interrupted.afterStep = { at, count in
                if at == step && count == batch { throw Interrupted() }
            }
            #expect(throws: Interrupted.self) { try interrupted.run() }
            let partial = try interrupted.targetRowCounts()
            #expect(partial.values.map(\.events).reduce(0, +) > 0)

            let resumed = Self.copy(source, into: client)
            let sites = try resumed.run()
            #expect(try resumed.verify(sites: sites).isEmpty)
            for (sourceID, targetID) in sites {
                #expect(
                    try Self.exported(ClickHouseStore(client: client), siteID: targetID)
                        == Self.exported(source, siteID: sourceID))
            }
            let distinct = try client.queryBlocking(
                "SELECT count(), uniqExact(site_id, journal_sequence) FROM events"
            ).rows[0]
            #expect(try distinct[0].uint64() == distinct[1].uint64())
        }
    }

    /// Dashboard users keep their password hashes and shared links their slugs and passwords;
    /// copying again adds nothing; a link of a removed site is left behind.
    @Test func dashboardAccountsAreCopiedOnce() async throws {
        let (source, _) = try await BlockingWork.run { try Self.source() }
        _ = try await source.saveUser(email: "ann@example.com", passwordHash: "hash-of-ann")
        _ = try await source.createSharedLink(domain: "a.example", slug: "slug-a", passwordHash: "hash-of-link")
        _ = try await source.createSharedLink(domain: "b.example", slug: "slug-b", passwordHash: nil)
        _ = try source.addSite(domain: "gone.example", timezone: "UTC", rateLimit: .default)
        _ = try await source.createSharedLink(domain: "gone.example", slug: "slug-gone", passwordHash: nil)
        #expect(try source.removeSite(domain: "gone.example"))
        try await ClickHouseTestServer.withMigratedDatabase { (client: ClickHouseClient) async throws in
            let copy = Self.copy(source, into: client)
            _ = try await BlockingWork.run { try copy.run() }
            try await copy.copyAccounts(from: source)
            let target = ClickHouseStore(client: client)
            let users = try await target.users()
            #expect(users.map(\.email) == ["ann@example.com"])
            #expect(users.map(\.passwordHash) == ["hash-of-ann"])
            let links = try await target.sharedLinks(domain: nil).sorted { $0.slug < $1.slug }
            #expect(links.map(\.slug) == ["slug-a", "slug-b"])
            #expect(links.map(\.domain) == ["a.example", "b.example"])
            #expect(links.map(\.passwordHash) == ["hash-of-link", nil])

            try await copy.copyAccounts(from: source)
            #expect(try await target.users().count == 1)
            #expect(try await target.sharedLinks(domain: nil).count == 2)
        }
    }

    /// The check at the end reports a site whose rows in ClickHouse differ from the source's.
    @Test func verifyReportsAMissingRow() async throws {
        let (source, _) = try await BlockingWork.run { try Self.source() }
        try await Self.onServer { client in
            let copy = Self.copy(source, into: client)
            let sites = try copy.run()
            let sourceB = try #require(try source.site(domain: "b.example"))
            let b = try #require(sites[sourceB.id])
            // A mutation, waited for (of every shard's local table on a cluster).
            try ClickHouseStore(client: client).delete(
                from: "events", where: "site_id = \(UInt64(b)) AND name = 'pageview'")
            let mismatches = try copy.verify(sites: sites)
            #expect(mismatches.map(\.domain) == ["b.example"])
            #expect(mismatches.first.map { $0.target.events < $0.source.events } == true)
        }
    }
}
