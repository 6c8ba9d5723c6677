import PerchCore
import Testing

@testable import PerchCLI

/// `perch dev seed`'s sessions carry ids shaped like the server's: the start second in the high
/// half, unique over the whole seed.
@Suite struct DevSeedGeneratorTests {
    private static func visits(seed: UInt64, count: Int) -> [(events: [EventRecord], session: SessionRecord)] {
        var generator = DevSeedGenerator(
            siteIDs: [1, 2, 3], hostnames: ["a.example", "b.example", "c.example"], now: 1_800_000_000, days: 3,
            seed: seed)
        return (0..<count).map { index in generator.nextSession(day: index % 3) }
    }

    @Test func sessionIDsStartWithTheirStartSecondAndAreUnique() {
        let visits = Self.visits(seed: 7, count: 20_000)
        let ids = visits.map(\.session.sessionID)
        #expect(Set(ids).count == ids.count)
        for visit in visits {
            #expect(Int64(visit.session.sessionID >> 32) == visit.session.start)
            #expect(visit.events.allSatisfy { $0.sessionID == visit.session.sessionID })
            #expect(visit.events.first?.timestamp == visit.session.start)
        }
    }

    @Test func aSeedMakesTheSameTrafficAgain() {
        let first = Self.visits(seed: 11, count: 500)
        let again = Self.visits(seed: 11, count: 500)
        let other = Self.visits(seed: 12, count: 500)
        #expect(first.map(\.events) == again.map(\.events))
        #expect(first.map(\.events) != other.map(\.events))
    }
}
