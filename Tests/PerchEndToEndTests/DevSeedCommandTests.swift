import Foundation
import Testing

/// `perch dev seed`: synthetic visits that are consistent with the session rules, so the read side
/// can be benchmarked on them — every event belongs to a stored session whose counters match.
@Suite struct DevSeedCommandTests {
    func rows(_ output: String) throws -> [[String: Any]] {
        try output.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    @Test func seededVisitsAreConsistent() throws {
        let perch = try PerchProcess()
        defer { perch.removeData() }
        let seeded = try perch.command(["dev", "seed", "--events", "3000", "--sites", "3", "--seed", "7"])
        #expect(seeded.status == 0)
        let sites = try perch.command(["sites", "list"]).output
        #expect(sites.split(separator: "\n").count == 3)
        var total = 0
        for index in 1...3 {
            let site = "seed-\(index).example"
            let events = try rows(perch.command(["events", "export", "--site", site]).output)
            let sessions = try rows(perch.command(["sessions", "export", "--site", site]).output)
            total += events.count
            let sessionIDs = Set(sessions.compactMap { $0["session_id"] as? NSNumber }.map(\.uint64Value))
            #expect(sessionIDs.count == sessions.count)
            #expect(events.allSatisfy { sessionIDs.contains(($0["session_id"] as? NSNumber)?.uint64Value ?? 0) })
            let pageviews = events.filter { $0["name"] as? String == "pageview" }.count
            #expect(sessions.reduce(0) { $0 + (($1["pageviews"] as? Int) ?? 0) } == pageviews)
            #expect(sessions.reduce(0) { $0 + (($1["events"] as? Int) ?? 0) } == events.count)
        }
        #expect(total >= 3000 && total < 3100)
        // The busiest site gets the most traffic (popularity ∝ 1/rank).
        let first = try rows(perch.command(["events", "export", "--site", "seed-1.example"]).output).count
        let third = try rows(perch.command(["events", "export", "--site", "seed-3.example"]).output).count
        #expect(first > third)
    }
}
