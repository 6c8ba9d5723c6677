// libFuzzer target: the Stats API query path over arbitrary bytes — the JSON reader, the query
// parser, validation against a fixed site, time zone and clock, then SQL planning for SQLite.
// Built by scripts/fuzz, never by SwiftPM.
import PerchCore
import PerchStats

private let now: Int64 = 1_785_000_000  // 2026-07-25 17:20 UTC
private let berlin = SiteTimeZone(identifier: "Europe/Berlin") ?? .utc
private let goals: [Goal] = [
    .event("Signup"), .event("Purchase", currency: "EUR"), .page("/blog/**"), .page("/docs/*/intro"),
]
private let planner = QueryPlanner(dialect: SQLiteDialect())

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzStatsQuery(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let query = try? QueryParser.parse(body: bytes) else { return 0 }
    for (timeZone, siteGoals) in [(SiteTimeZone.utc, [Goal]()), (berlin, goals)] {
        guard
            let validated = try? ValidatedQuery(
                query, siteKey: 1, timeZone: timeZone, now: now, goals: siteGoals,
                statsStart: CivilDate(year: 2024, month: 3, day: 31))
        else { continue }
        _ = planner.plan(validated)
        _ = planner.plan(validated, paginated: false)
        _ = planner.precomputeRequest(validated)
    }
    return 0
}
