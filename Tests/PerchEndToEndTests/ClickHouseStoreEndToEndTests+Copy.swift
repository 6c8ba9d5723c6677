import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `perch store copy` as a user runs it (in the ClickHouse end-to-end suite, so scripts/test-clickhouse
/// runs it against both engines): a SQLite data directory filled by `perch dev seed` and by
/// `perch serve` moves into ClickHouse, verified; a journal with events not yet in SQLite is refused; dashboard users come along.
extension ClickHouseStoreEndToEndTests {
    @Test func storeCopyMovesASQLiteDataDirectoryIntoClickHouse() async throws {
        let url = try #require(
            ProcessInfo.processInfo.environment["PERCH_CLICKHOUSE_TEST_URL"],
            "PERCH_CLICKHOUSE_TEST_URL is not set: run scripts/test-clickhouse, which starts the servers")
        let database = "perch_e2e_\(UInt64.random(in: 0...UInt64.max))"
        let clickHouse = ["--clickhouse-url", url, "--clickhouse-database", database]
        let store = ["--store", "clickhouse"] + clickHouse
        let copy = ["store", "copy", "--from", "sqlite", "--to", "clickhouse", "--batch-size", "500"] + clickHouse
        var perch = try PerchProcess()
        defer {
            perch.removeData()
            Self.dropDatabase(database, url: url)
        }
        #expect(try perch.command(["dev", "seed", "--events", "3000", "--sites", "2"]).status == 0)
        let user = try PerchProcess.run(
            ["users", "add", "ann@example.com", "--data-dir", perch.dataDirectory.path], input: "a password\n")
        #expect(user.status == 0)

        // Events taken by a server that was killed before its writer flushed them are only in
        // the journal: the copy refuses until a server has applied them.
        try await perch.start(extraArguments: ["--flush-interval", "60s"])
        let answer = try await perch.postEvent(
            #"{"n":"pageview","u":"https://seed-1.example/late","d":"seed-1.example"}"#,
            headers: ["X-Forwarded-For": "203.0.113.9"])
        #expect(answer.status == 202)
        _ = perch.stop(signal: SIGKILL)
        let refused = try perch.command(copy)
        #expect(refused.status != 0 && !refused.output.contains("copy complete"), "\(refused.output)")
        try await perch.start()
        #expect(perch.stop(signal: SIGTERM) == 0)

        let copied = try perch.command(copy)
        #expect(copied.status == 0, "\(copied.output)")
        #expect(copied.output.hasSuffix("copy complete and verified: 2 site(s)\n"), "\(copied.output)")
        for site in ["seed-1.example", "seed-2.example"] {
            for kind in ["events", "sessions"] {
                let before = try perch.command([kind, "export", "--site", site])
                let after = try perch.command([kind, "export", "--site", site] + store)
                #expect(after.status == 0 && !after.output.isEmpty)
                #expect(Set(after.output.split(separator: "\n")) == Set(before.output.split(separator: "\n")))
            }
        }
        #expect(try perch.command(["users", "list"] + store).output.contains("ann@example.com"))
        let late = try perch.command(["events", "export", "--site", "seed-1.example"] + store)
        #expect(late.output.contains("/late"))

        let again = try perch.command(copy)
        #expect(again.status == 0)
        #expect(!again.output.contains("added as"), "\(again.output)")
        #expect(again.output.contains(", 0 copied in this run"))
        #expect(
            !again.output.split(separator: "\n").contains {
                $0.contains("copied in this run") && !$0.hasSuffix(", 0 copied in this run")
            })

        let backwards = try perch.command(["store", "copy", "--from", "clickhouse", "--to", "sqlite"] + clickHouse)
        #expect(backwards.status != 0)
    }
}
