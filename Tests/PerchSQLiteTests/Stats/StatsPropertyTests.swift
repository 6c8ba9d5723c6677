import Foundation
import PerchCore
import PerchStats
import PerchStatsTestSupport
import Testing

@testable import PerchSQLite

/// Random multi-site event streams (time zones, sessions across midnight, props, goals, revenue)
/// and random valid queries: every answer of the API must equal the brute-force answer that
/// `StatsOracle` computes over the raw rows. A failure prints its seed and the query body;
/// `PERCH_PROPERTY_SEED=<seed>` replays that one case. CI runs a fixed set of seeds;
/// `PERCH_PROPERTY_RANDOM=1` draws new ones.
@Suite struct StatsPropertyTests {
    static let cases = 300
    static let queriesPerCase = 6

    @Test func apiMatchesBruteForce() async throws {
        let seeds = Self.seeds(environment: ProcessInfo.processInfo.environment)
        var columnAnswers = 0
        for seed in seeds {
            let (failures, answered) = try await Self.check(seed: seed)
            #expect(failures.isEmpty, "PERCH_PROPERTY_SEED=\(seed)\n\(failures.joined(separator: "\n"))")
            columnAnswers += answered
        }
        // Odd seeds load the column cache and ask mostly plain queries (about 2.5 of them per case
        // are answered from it): make sure it was used.
        #expect(seeds.count < 20 || columnAnswers >= seeds.count / 2, "column cache answered \(columnAnswers)")
    }

    /// The cases' seeds (`PropertySeeds`: fixed, or the environment's).
    static func seeds(environment: [String: String]) -> [UInt64] {
        PropertySeeds.seeds(count: cases, environment: environment)
    }

    /// One random world and a few random queries against it; returns the mismatches and how
    /// many sides the column cache computed (odd seeds load it, even ones read SQL only).
    static func check(seed: UInt64) async throws -> (failures: [String], columnAnswers: Int) {
        var random = SplitMix64(seed: seed)
        let world = PropertyWorld.generate(&random)
        let columns = seed % 2 == 1
        let store = try await world.store(columns: columns)
        var failures: [String] = []
        for _ in 0..<queriesPerCase {
            let query =
                columns && random.chance(60)
                ? StatsQueryGenerator.plainQuery(world, &random) : StatsQueryGenerator.query(world, &random)
            let failure = await PropertyQueryCheck.failure(of: query, in: world, &random) { body in
                try await StatsDataset.answer(body, store: store, now: world.now)
            }
            if let failure { failures.append(failure) }
        }
        return (failures, store.database.columns.answeredRequests)
    }

    /// Rows of every other site share user ids with the queried one; none may leak into an answer.
    @Test func otherSitesNeverLeak() async throws {
        var random = SplitMix64(seed: 7)
        let world = PropertyWorld.generate(&random)
        let store = try await world.store()
        for site in world.sites {
            let body =
                #"{"site_id":"\#(site.domain)","metrics":["visitors","visits","events"],"#
                + #""date_range":["2025-02-20","2025-04-30"]}"#
            let answer = try await StatsDataset.answer(body, store: store, now: world.now)
            let own = world.events.filter { $0.siteID == site.id && $0.name != "engagement" }
            let expected: JSONValue = .array([
                .int(Int64(Set(own.map(\.userID)).count)),
                .int(Int64(world.sessions.filter { $0.siteID == site.id }.count)), .int(Int64(own.count)),
            ])
            guard case .array(let rows)? = answer["results"] else { throw QueryError("no results") }
            #expect(rows.first?["metrics"] == expected, "site \(site.domain)")
        }
    }
}
