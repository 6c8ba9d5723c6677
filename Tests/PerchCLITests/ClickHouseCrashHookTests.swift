import PerchClickHouse
import Testing

@testable import PerchCLI

/// The crash hook's variable: off unless set, `STEP[:N]` understood, anything else refused (a
/// typo must not start a server that silently never crashes). The SIGKILL itself is exercised
/// end to end by ClickHouseStoreCrashTests.
@Suite struct ClickHouseCrashHookTests {
    @Test func unsetOrEmptyIsOff() throws {
        #expect(try ClickHouseCrashHook.parse(nil) == nil)
        #expect(try ClickHouseCrashHook.parse("") == nil)
    }

    @Test func stepAndWriteAreRead() throws {
        let events = try #require(try ClickHouseCrashHook.parse("events"))
        #expect(events.step == .events && events.write == 1)
        let sessions = try #require(try ClickHouseCrashHook.parse("sessions:3"))
        #expect(sessions.step == .sessions && sessions.write == 3)
        #expect(try ClickHouseCrashHook.parse("event-ids:2")?.step == .eventIDs)
        #expect(try ClickHouseCrashHook.parse("position")?.step == .position)
    }

    @Test(arguments: ["event", "sessions:0", "sessions:-1", "sessions:x", "events:1:2", "EVENTS", ":3"])
    func otherValuesAreRefused(value: String) {
        #expect(throws: ConfigurationError.self) { try ClickHouseCrashHook.parse(value) }
    }

    @Test func otherStepsAndEarlierWritesPassThrough() throws {
        // Only the Nth write of the step kills; the calls before it return normally.
        let hook = try #require(try ClickHouseCrashHook.parse("sessions:3"))
        let afterStep = hook.afterStep()
        for step in [ClickHouseEventStore.WriteStep.events, .sessions, .eventIDs, .position, .events, .sessions] {
            try afterStep(step)
        }
    }
}
