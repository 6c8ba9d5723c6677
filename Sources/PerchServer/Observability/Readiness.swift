import Synchronization

/// Whether the server takes events: `/api/health` answers 200 only while `ready`.
package final class Readiness: Sendable {
    package enum State: Sendable { case starting, ready, draining }
    private let state = Mutex(State.starting)

    package init() {}

    package var current: State { state.withLock { $0 } }

    package func set(_ new: State) {
        state.withLock { $0 = new }
    }
}
