import PerchCore
import Testing

@testable import PerchClickHouse

/// The ClickHouse writer's memory of the session states it wrote: bounded by idle time and by
/// count, keeping the sessions active last (a state it lets go is looked up in ClickHouse).
@Suite struct SessionStateCacheTests {
    /// A session of visit `number` whose last event was at `timestamp`.
    private func session(_ number: Int, at timestamp: Int64) -> SessionStateRow {
        var state = Fixtures.finalSessions(Fixtures.journal(visits: 1)).values.first!
        state.sessionID = UInt64(number)
        state.timestamp = timestamp
        return SessionStateRow(state)
    }

    /// The cancelling row a cached state writes is the row `ClickHouseRows` encodes with sign -1,
    /// byte for byte (the sign's place in the row is right).
    @Test func aCachedStateCancelsWithTheRowItsRecordEncodesTo() {
        let state = Fixtures.finalSessions(Fixtures.journal(visits: 3)).values.max { $0.events < $1.events }!
        for sign: Int8 in [1, -1] {
            var fromRecord = RowBinaryWriter()
            ClickHouseRows.append(state, sign: sign, to: &fromRecord)
            var fromRow = RowBinaryWriter()
            SessionStateRow(state).append(sign: sign, to: &fromRow)
            #expect(fromRow.bytes == fromRecord.bytes)
            #expect(fromRow.rowCount == 1)
        }
        #expect(SessionStateRow(state).events == state.events)
    }

    @Test func pastItsLimitTheSessionsActiveLastAreKept() {
        var cache = SessionStateCache(limit: 1_000)
        // Activity out of order: session n was last active at start + (n * 7919) % 5000.
        for number in 1...1_001 {
            cache.record(session(number, at: Fixtures.start + Int64((number * 7_919) % 5_000)))
        }
        #expect(cache.count == 500)
        let kept = (1...1_001).filter { cache[UInt64($0)] != nil }
        let newest = (1...1_001).sorted { ($0 * 7_919) % 5_000 > ($1 * 7_919) % 5_000 }.prefix(500)
        #expect(Set(kept) == Set(newest))
    }

    @Test func statesIdleLongerThanTheRetentionAreLetGo() {
        var cache = SessionStateCache(retention: 3_600)
        cache.record(session(1, at: Fixtures.start))
        cache.record(session(2, at: Fixtures.start + 3_000))
        cache.record(session(3, at: Fixtures.start + 3_700))
        #expect(cache[1] == nil)
        #expect(cache[2]?.timestamp == Fixtures.start + 3_000)
        #expect(cache[3] != nil)
    }

    @Test func withinItsLimitEveryStateIsKept() {
        var cache = SessionStateCache(limit: 1_000)
        for number in 1...1_000 { cache.record(session(number, at: Fixtures.start + Int64(number % 60))) }
        #expect(cache.count == 1_000)
    }
}
