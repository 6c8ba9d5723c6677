import Dispatch

/// Runs blocking work (a synchronous store call) on a Dispatch thread instead of one of Swift
/// concurrency's cooperative threads, of which a 2-core machine has two. A cooperative thread
/// that waits for a database connection can hold up the very tasks that would give one back:
/// GRDB's async reads keep their connection until their task resumes on the cooperative pool, so
/// two refreshers blocked on the reader pool once stopped the whole server.
package enum BlockingWork {
    package static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
        }
    }

    package static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: body()) }
        }
    }
}
