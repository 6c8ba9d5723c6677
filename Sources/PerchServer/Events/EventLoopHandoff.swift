import NIOCore
import Synchronization

/// Work handed to one event loop from other threads, run there in batches: the first item queued
/// while the loop has none pending schedules one `execute`, and that run takes everything queued
/// by then. The journal's flusher fires the durability callbacks of one fsync together, so the
/// replies they release cost one wake-up of each event loop instead of one per event.
final class EventLoopHandoff: Sendable {
    let eventLoop: any EventLoop
    private let queue = Mutex<[@Sendable () -> Void]>([])

    init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    /// Runs `work` on the event loop: at once when called there, else in the next batch.
    func submit(_ work: @escaping @Sendable () -> Void) {
        if eventLoop.inEventLoop {
            work()
            return
        }
        let first = queue.withLock { queue in
            queue.append(work)
            return queue.count == 1
        }
        if first { eventLoop.execute { self.drain() } }
    }

    private func drain() {
        let batch = queue.withLock { queue in
            var batch: [@Sendable () -> Void] = []
            swap(&batch, &queue)
            return batch
        }
        for work in batch { work() }
    }
}

/// One `EventLoopHandoff` per event loop, shared by the connections on it.
final class EventLoopHandoffs: Sendable {
    private let handoffs = Mutex<[ObjectIdentifier: EventLoopHandoff]>([:])

    init() {}

    /// The handoff to `eventLoop`, made on first use.
    func handoff(to eventLoop: any EventLoop) -> EventLoopHandoff {
        handoffs.withLock { handoffs in
            let key = ObjectIdentifier(eventLoop)
            if let handoff = handoffs[key] { return handoff }
            let handoff = EventLoopHandoff(eventLoop: eventLoop)
            handoffs[key] = handoff
            return handoff
        }
    }
}
