import NIOCore
import NIOHTTP1
import Synchronization

/// Limits for connections from the open internet (`perch serve --max-connections`, `--idle-timeout`,
/// `--body-timeout`, `--write-timeout`).
package struct ConnectionLimits: Sendable {
    /// Open connections at most; one more is closed as soon as it is accepted.
    package var maxConnections: Int
    /// How long a connection may wait for a request's headers to be complete: idle between
    /// requests, or sending headers slowly (slowloris).
    package var idleTimeout: TimeAmount
    /// How long a request's body may take from its headers to its end.
    package var bodyTimeout: TimeAmount
    /// How long replies may wait for a client that does not read them.
    package var writeTimeout: TimeAmount

    package init(
        maxConnections: Int = 4_096, idleTimeout: TimeAmount = .seconds(30), bodyTimeout: TimeAmount = .seconds(30),
        writeTimeout: TimeAmount = .seconds(30)
    ) {
        self.maxConnections = maxConnections
        self.idleTimeout = idleTimeout
        self.bodyTimeout = bodyTimeout
        self.writeTimeout = writeTimeout
    }
}

/// Counts open connections across all event loops.
package final class ConnectionCounter: Sendable {
    let limit: Int
    private let open = Atomic<Int>(0)

    package init(limit: Int) {
        self.limit = limit
    }

    package var current: Int { open.load(ordering: .relaxed) }

    func acquire() -> Bool {
        let after = open.wrappingAdd(1, ordering: .relaxed).newValue
        if after <= limit { return true }
        open.wrappingSubtract(1, ordering: .relaxed)
        return false
    }

    func release() {
        open.wrappingSubtract(1, ordering: .relaxed)
    }
}

/// The first handler after HTTP decoding, for every connection (both the events fast path and
/// Hummingbird's routes are behind it, and replies reach it as bytes, counted by
/// `HTTPReplyEnded`): enforces the connection cap and closes connections whose
/// client is too slow — headers not complete within the idle timeout, a body not complete within
/// the body timeout, replies not read within the write timeout. While a request is being answered
/// (a reply may wait for the journal's fsync) no read limit runs.
///
/// The read limits move with every request, so they are kept as a deadline checked by one timer
/// rather than a timer scheduled and cancelled per request (which cost two task allocations, two
/// heap updates and a linear search of the event loop's task queue on every event): moving the
/// deadline later only stores it, and the timer, when it fires early, waits for the rest.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = IOData
    typealias OutboundOut = IOData

    private let limits: ConnectionLimits
    private let counter: ConnectionCounter
    private var counted = false
    private var readingBody = false
    /// Complete requests minus complete replies (negative when a reply came before the body ended).
    private var unanswered = 0
    /// When the read side's running limit (idle or body) runs out; nil while none runs.
    private var readDeadline: NIODeadline?
    /// The timer that checks `readDeadline`, and when it fires.
    private var readCheck: Scheduled<Void>?
    private var readCheckAt = NIODeadline.distantFuture
    private var writeTimer: Scheduled<Void>?

    init(limits: ConnectionLimits, counter: ConnectionCounter) {
        self.limits = limits
        self.counter = counter
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { activate(context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        stop()
    }

    func channelActive(context: ChannelHandlerContext) {
        activate(context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        stop()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            readingBody = true
            limitReads(to: limits.bodyTimeout, context)
        case .body:
            break
        case .end:
            readingBody = false
            unanswered += 1
            if unanswered <= 0 { limitReads(to: limits.idleTimeout, context) } else { readDeadline = nil }
        }
        context.fireChannelRead(data)
    }

    /// Counts a written reply; the event ends here (nothing nearer the socket wants it).
    func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        guard event is HTTPReplyEnded else {
            context.triggerUserOutboundEvent(event, promise: promise)
            return
        }
        unanswered -= 1
        if unanswered <= 0 && !readingBody { limitReads(to: limits.idleTimeout, context) }
        promise?.succeed(())
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            writeTimer?.cancel()
            writeTimer = nil
        } else if writeTimer == nil {
            let channel = context.channel
            writeTimer = context.eventLoop.scheduleTask(in: limits.writeTimeout) { channel.close(promise: nil) }
        }
        context.fireChannelWritabilityChanged()
    }

    private func activate(_ context: ChannelHandlerContext) {
        guard !counted else { return }
        guard counter.acquire() else {
            context.close(promise: nil)
            return
        }
        counted = true
        limitReads(to: limits.idleTimeout, context)
    }

    private func stop() {
        readDeadline = nil
        readCheck?.cancel()
        readCheck = nil
        writeTimer?.cancel()
        writeTimer = nil
        if counted {
            counted = false
            counter.release()
        }
    }

    /// Starts (or restarts) the read side's limit: the connection closes `timeout` from now unless
    /// the limit is moved or lifted first. Only a deadline earlier than the pending check's
    /// schedules a new one.
    private func limitReads(to timeout: TimeAmount, _ context: ChannelHandlerContext) {
        let deadline = context.eventLoop.now + timeout
        readDeadline = deadline
        if readCheck == nil || deadline < readCheckAt {
            scheduleReadCheck(at: deadline, eventLoop: context.eventLoop, channel: context.channel)
        }
    }

    private func scheduleReadCheck(at deadline: NIODeadline, eventLoop: any EventLoop, channel: any Channel) {
        readCheck?.cancel()
        readCheckAt = deadline
        let handler = NIOLoopBound(self, eventLoop: eventLoop)
        readCheck = eventLoop.scheduleTask(deadline: deadline) {
            handler.value.checkReads(eventLoop: eventLoop, channel: channel)
        }
    }

    private func checkReads(eventLoop: any EventLoop, channel: any Channel) {
        readCheck = nil
        readCheckAt = .distantFuture
        guard let deadline = readDeadline else { return }
        if eventLoop.now >= deadline {
            channel.close(promise: nil)
        } else {
            scheduleReadCheck(at: deadline, eventLoop: eventLoop, channel: channel)
        }
    }
}
