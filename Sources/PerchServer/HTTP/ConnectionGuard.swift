import NIOCore
import NIOHTTPTypes
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
/// Hummingbird's routes are behind it): enforces the connection cap and closes connections whose
/// client is too slow — headers not complete within the idle timeout, a body not complete within
/// the body timeout, replies not read within the write timeout. While a request is being answered
/// (a reply may wait for the journal's fsync) no timer runs.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let limits: ConnectionLimits
    private let counter: ConnectionCounter
    private var counted = false
    private var readingBody = false
    /// Complete requests minus complete replies (negative when a reply came before the body ended).
    private var unanswered = 0
    private var readTimer: Scheduled<Void>?
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
            arm(&readTimer, limits.bodyTimeout, context)
        case .body:
            break
        case .end:
            readingBody = false
            unanswered += 1
            if unanswered <= 0 { arm(&readTimer, limits.idleTimeout, context) } else { cancel(&readTimer) }
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            unanswered -= 1
            if unanswered <= 0 && !readingBody { arm(&readTimer, limits.idleTimeout, context) }
        }
        context.write(data, promise: promise)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            cancel(&writeTimer)
        } else if writeTimer == nil {
            arm(&writeTimer, limits.writeTimeout, context)
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
        arm(&readTimer, limits.idleTimeout, context)
    }

    private func stop() {
        cancel(&readTimer)
        cancel(&writeTimer)
        if counted {
            counted = false
            counter.release()
        }
    }

    private func arm(_ timer: inout Scheduled<Void>?, _ delay: TimeAmount, _ context: ChannelHandlerContext) {
        timer?.cancel()
        let channel = context.channel
        timer = context.eventLoop.scheduleTask(in: delay) { channel.close(promise: nil) }
    }

    private func cancel(_ timer: inout Scheduled<Void>?) {
        timer?.cancel()
        timer = nil
    }
}
