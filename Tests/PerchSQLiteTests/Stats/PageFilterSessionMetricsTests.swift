import PerchCore
import PerchStats
import Testing

@testable import PerchSQLite

/// Session metrics under an `event:page` filter, as Plausible computes them: every session with an
/// event on the page counts for `visits`, `visit_duration` and `views_per_visit`; only
/// `bounce_rate` is limited to the sessions that *entered* on the page (its SQL expression alone
/// carries the entry-page condition). Over `StatsDataset`: session 10 enters on `/` and goes on to
/// `/pricing` (120 s), session 20 bounces on `/`, session 30 enters on `/blog` then `/pricing` (30 s).
@Suite struct PageFilterSessionMetricsTests {
    static let range = #""date_range":["2025-11-20","2025-11-21"]"#
    static let metrics = #""metrics":["visits","bounce_rate","visit_duration"]"#

    @Test(arguments: [
        // Sessions 10 and 30 viewed /pricing; neither entered there.
        ("/pricing", [JSONValue.int(2), .int(0), .int(75)]),
        // Sessions 10 and 20 entered on /: one bounce in two.
        ("/", [.int(2), .int(50), .int(60)]),
        // Session 30 entered on /blog and did not bounce.
        ("/blog", [.int(1), .int(0), .int(30)]),
    ])
    func aggregate(page: String, expected: [JSONValue]) async throws {
        let folder = TemporaryFolder()
        let store = try StatsDataset.store(in: folder)
        let json = try await StatsDataset.answer(
            #"{"site_id":"example.com",\#(Self.metrics),"filters":[["is","event:page",["\#(page)"]]],"#
                + #"\#(Self.range)}"#, store: store)
        guard case .array(let rows)? = json["results"] else {
            Issue.record("no results in \(json)")
            return
        }
        #expect(rows.first?["metrics"] == .array(expected))
    }

    /// The same rule per time bucket (the bucketed plan) and per session dimension.
    @Test func breakdownsFollowTheSameRule() async throws {
        let folder = TemporaryFolder()
        let store = try StatsDataset.store(in: folder)
        let daily = try await StatsDataset.answer(
            #"{"site_id":"example.com",\#(Self.metrics),"filters":[["is","event:page",["/pricing"]]],"#
                + #""dimensions":["time:day"],\#(Self.range)}"#, store: store)
        guard case .array(let days)? = daily["results"] else {
            Issue.record("no results in \(daily)")
            return
        }
        #expect(
            days.map { $0["metrics"] } == [
                .array([.int(1), .int(0), .int(120)]), .array([.int(1), .int(0), .int(30)]),
            ])

        let byEntry = try await StatsDataset.answer(
            #"{"site_id":"example.com",\#(Self.metrics),"filters":[["is","event:page",["/pricing"]]],"#
                + #""dimensions":["visit:entry_page"],"order_by":[["visit_duration","desc"]],\#(Self.range)}"#,
            store: store)
        guard case .array(let entries)? = byEntry["results"] else {
            Issue.record("no results in \(byEntry)")
            return
        }
        #expect(entries.map { $0["dimensions"] } == [.array([.string("/")]), .array([.string("/blog")])])
        #expect(
            entries.map { $0["metrics"] } == [
                .array([.int(1), .int(0), .int(120)]), .array([.int(1), .int(0), .int(30)]),
            ])
    }
}
