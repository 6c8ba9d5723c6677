import Synchronization

/// A clock whose sleeps end only when the test calls `fire()`, one sleep per call (a call made
/// while nobody sleeps is kept for the next sleep), so timer-driven code runs without real time.
final class StepClock: Clock {
    typealias Instant = ContinuousClock.Instant

    private struct Sleepers {
        var permits = 0
        var nextID = 0
        var waiting: [(id: Int, continuation: CheckedContinuation<Void, any Error>)] = []
    }

    private let sleepers = Mutex(Sleepers())

    var now: Instant { ContinuousClock.now }
    var minimumResolution: Duration { .zero }

    func fire() {
        let woken: CheckedContinuation<Void, any Error>? = sleepers.withLock { state in
            guard !state.waiting.isEmpty else {
                state.permits += 1
                return nil
            }
            return state.waiting.removeFirst().continuation
        }
        woken?.resume()
    }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        let id = sleepers.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let resumeNow: Result<Void, any Error>? = sleepers.withLock { state in
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if state.permits > 0 {
                        state.permits -= 1
                        return .success(())
                    }
                    state.waiting.append((id, continuation))
                    return nil
                }
                if let resumeNow { continuation.resume(with: resumeNow) }
            }
        } onCancel: {
            let cancelled = sleepers.withLock { state in
                state.waiting.firstIndex { $0.id == id }.map { state.waiting.remove(at: $0).continuation }
            }
            cancelled?.resume(throwing: CancellationError())
        }
    }
}
