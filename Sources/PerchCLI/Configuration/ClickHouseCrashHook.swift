import Foundation
import PerchClickHouse
import Synchronization

/// A test hook, off unless `PERCH_FAULT_CLICKHOUSE_CRASH_AFTER` is set when `perch serve` starts:
/// the ClickHouse writer kills its own process with SIGKILL right after one insert of its Nth
/// write, so an end-to-end test can crash a real server between two inserts of a batch (which a
/// kill -9 from outside hits only by luck) and check that the restart stores everything once.
///
/// The value is `STEP` or `STEP:N`: STEP is the insert after which to die (`events`, `sessions`,
/// `event-ids`, `position`; ClickHouseEventStore.WriteStep), N the write, counted from 1 since
/// start, on which to die (default 1). Never set it on a server that matters.
struct ClickHouseCrashHook: Sendable {
    static let variable = "PERCH_FAULT_CLICKHOUSE_CRASH_AFTER"

    /// The writes that reached the hook's step, shared by the closure the store calls.
    private final class Count: Sendable {
        let value = Atomic<Int>(0)
    }

    let step: ClickHouseEventStore.WriteStep
    let write: Int

    /// Nil when the variable is unset or empty; throws when it is set to something else than
    /// `STEP[:N]`.
    static func parse(_ value: String?) throws(ConfigurationError) -> ClickHouseCrashHook? {
        guard let value, !value.isEmpty else { return nil }
        let steps: [String: ClickHouseEventStore.WriteStep] = [
            "events": .events, "sessions": .sessions, "event-ids": .eventIDs, "position": .position,
        ]
        let parts = value.split(separator: ":", omittingEmptySubsequences: false)
        let expected = "STEP or STEP:N, STEP one of events, sessions, event-ids, position, N at least 1"
        guard parts.count <= 2, let step = steps[String(parts[0])] else {
            throw .invalid(variable, value, expected)
        }
        let write = parts.count == 2 ? Int(parts[1]) : 1
        guard let write, write >= 1 else { throw .invalid(variable, value, expected) }
        return ClickHouseCrashHook(step: step, write: write)
    }

    /// What `ClickHouseEventStore` calls after each insert: SIGKILL to this process after the
    /// `write`th insert of `step`, nothing otherwise.
    func afterStep() -> @Sendable (ClickHouseEventStore.WriteStep) throws(ClickHouseError) -> Void {
        let count = Count()
        return { [step, write] reached in
            guard reached == step else { return }
            if count.value.wrappingAdd(1, ordering: .relaxed).newValue == write {
                kill(getpid(), SIGKILL)
            }
        }
    }
}
