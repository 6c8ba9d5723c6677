import Dispatch
import NIOCore
import NIOPosix
import Synchronization
import Testing

@testable import PerchServer

/// Work handed to an event loop from another thread runs there, in order, in batches: everything
/// queued while a batch is pending runs in that batch, ahead of tasks scheduled after its first item.
@Suite struct EventLoopHandoffTests {
    @Test func workQueuedWhileABatchIsPendingRunsInThatBatch() throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { try? group.syncShutdownGracefully() }
        let loop = group.next()
        let handoff = EventLoopHandoff(eventLoop: loop)
        let log = Mutex<[String]>([])
        let release = DispatchSemaphore(value: 0)
        // Hold the loop so the work below queues up.
        loop.execute { release.wait() }
        handoff.submit { log.withLock { $0.append("work 0 on loop: \(loop.inEventLoop)") } }
        // A task scheduled after the batch's first item but before the rest.
        loop.execute { log.withLock { $0.append("other task") } }
        for index in 1..<5 {
            handoff.submit { log.withLock { $0.append("work \(index) on loop: \(loop.inEventLoop)") } }
        }
        release.signal()
        try loop.submit {}.wait()
        #expect(
            log.withLock { $0 } == (0..<5).map { "work \($0) on loop: true" } + ["other task"])

        // The queue emptied, so the next item schedules a batch of its own.
        handoff.submit { log.withLock { $0.append("later") } }
        try loop.submit {}.wait()
        #expect(log.withLock { $0.last } == "later")
    }

    @Test func workSubmittedOnTheLoopRunsAtOnce() throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { try? group.syncShutdownGracefully() }
        let loop = group.next()
        let handoff = EventLoopHandoff(eventLoop: loop)
        let ranInline = try loop.submit {
            let ran = Mutex(false)
            handoff.submit { ran.withLock { $0 = true } }
            return ran.withLock { $0 }
        }.wait()
        #expect(ranInline)
    }

    @Test func eachEventLoopHasOneHandoff() throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        defer { try? group.syncShutdownGracefully() }
        let handoffs = EventLoopHandoffs()
        let first = group.next()
        let second = group.next()
        #expect(handoffs.handoff(to: first) === handoffs.handoff(to: first))
        #expect(handoffs.handoff(to: first) !== handoffs.handoff(to: second))
    }
}
