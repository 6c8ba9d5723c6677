import Logging
import PerchCore
import Synchronization
import Testing

@testable import PerchIngest

/// The refresher reloads rules only when the directory's version moved.
@Suite struct ShieldRefresherTests {
    final class FakeDirectory: ShieldDirectory {
        let state = Mutex<(version: Int64, rules: [Int64: [ShieldRule]], loads: Int)>((0, [:], 0))

        func shieldsVersion() throws -> Int64 { state.withLock { $0.version } }

        func allShieldRules() throws -> [Int64: [ShieldRule]] {
            state.withLock { state in
                state.loads += 1
                return state.rules
            }
        }

        func set(_ rules: [Int64: [ShieldRule]]) {
            state.withLock { state in
                state.rules = rules
                state.version += 1
            }
        }
    }

    @Test func reloadsOnlyAfterAChange() throws {
        let directory = FakeDirectory()
        let registry = ShieldRegistry()
        let refresher = ShieldRefresher(
            directory: directory, registry: registry, interval: .milliseconds(500), logger: Logger(label: "test"))
        try refresher.refresh()
        try refresher.refresh()
        #expect(directory.state.withLock { $0.loads } == 1)
        #expect(registry.shields(forSite: 1) == nil)

        directory.set([1: [ShieldRule(kind: .page, value: "/x")]])
        try refresher.refresh()
        #expect(directory.state.withLock { $0.loads } == 2)
        #expect(registry.shields(forSite: 1)?.blockedPages.count == 1)

        directory.set([:])
        try refresher.refresh()
        #expect(registry.shields(forSite: 1) == nil)
    }
}
