import HTTPTypes
import NIOCore
import NIOHTTP1
import PerchIngest

/// Serves `POST /api/event` straight from the channel pipeline, ahead of Hummingbird and of the
/// conversion to HTTPTypes: it sees NIOHTTP1's request parts, the body is collected on the event
/// loop, the synchronous pipeline runs there, and the reply — prebuilt bytes (`EventReplyBytes`),
/// one write and one flush — is written when the journal calls back; no hop into Swift concurrency
/// per event. Every other request, and any request that arrives while Hummingbird still owes a
/// response on this connection (pipelining), is passed on unchanged, so responses stay in request
/// order. Hummingbird's responses reach this handler already encoded; each one's end is told by
/// `HTTPReplyEnded`.
final class EventFastPathHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = IOData
    typealias OutboundOut = IOData

    private enum State {
        case idle
        /// Passing a request through to Hummingbird.
        case forwarding
        /// Collecting the body of an event request, whose headers are picked (`EventRequestHeaders`):
        /// nil until its first chunk, which is kept as it came (usually the whole body, a view
        /// into the bytes read), so a one-chunk body is copied only into the request.
        case collecting(ByteBuffer?)
        /// Our reply is being decided (journal wait); later parts are queued.
        case replying
        /// Answered already (body too large): the rest of the body is read and thrown away, so the
        /// client can finish sending, read the answer and go on using the connection.
        case discarding
        /// The connection is being closed; ignore the rest.
        case closing
    }

    private let responder: EventResponder
    private let replies: EventReplyBytes
    /// How replies released on the journal's flusher thread reach this connection's event loop.
    private let handoff: EventLoopHandoff
    private var state = State.idle
    /// The headers of the event request being collected or answered.
    private var headers = EventRequestHeaders()
    /// The connection's peer as the client-IP resolver judges it, worked out on its first event.
    private var peer: ClientIPResolver.Peer?
    /// Requests handed to Hummingbird whose response has not ended yet.
    private var owedByHummingbird = 0
    private var queued: [HTTPServerRequestPart] = []
    private static let maxQueuedParts = 256
    /// A close asked for (by Hummingbird's graceful shutdown, which sees no request of ours) while
    /// our reply waited for the journal: done once the reply is written, so a journaled event is
    /// always answered and its client has no reason to send it again.
    private var deferredClose: EventLoopPromise<Void>?
    private var closeDeferred = false
    /// A decoding error (bytes after a request that are not HTTP) met while a reply of ours was
    /// pending: passed on (Hummingbird answers 400 and closes) only after that reply, so the
    /// client learns what happened to the event it sent, which is stored.
    private var deferredError: (any Error)?

    init(responder: EventResponder, replies: EventReplyBytes, handoff: EventLoopHandoff) {
        self.responder = responder
        self.replies = replies
        self.handoff = handoff
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        if case .replying = state {
            queued.append(part)
            if queued.count > Self.maxQueuedParts { close(context) }
            return
        }
        handle(part, context: context)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        switch state {
        case .replying:
            if deferredError == nil { deferredError = error }
        default:
            context.fireErrorCaught(error)
        }
    }

    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        guard case .replying = state, mode != .input else {
            context.close(mode: mode, promise: promise)
            return
        }
        if let promise {
            if let deferredClose {
                deferredClose.futureResult.cascade(to: promise)
            } else {
                deferredClose = promise
            }
        }
        closeDeferred = true
    }

    func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        // Only Hummingbird's replies pass here; ours start nearer the socket.
        if event is HTTPReplyEnded { owedByHummingbird -= 1 }
        context.triggerUserOutboundEvent(event, promise: promise)
    }

    private func handle(_ part: HTTPServerRequestPart, context: ChannelHandlerContext) {
        switch (state, part) {
        case (.idle, .head(let head)):
            if owedByHummingbird == 0, head.method == .POST, Self.isEventPath(head.uri) {
                headers = EventRequestHeaders(head.headers)
                state = .collecting(nil)
                if headers.expect?.lowercased() == "100-continue" {
                    // Clients that ask (curl does for large bodies) would otherwise wait a second.
                    context.writeAndFlush(wrapOutboundOut(.byteBuffer(EventReplyBytes.continueBytes)), promise: nil)
                }
            } else {
                owedByHummingbird += 1
                state = .forwarding
                context.fireChannelRead(wrapInboundOut(part))
            }
        case (.forwarding, _):
            if case .end = part { state = .idle }
            context.fireChannelRead(wrapInboundOut(part))
        case (.collecting(let collected), .body(var chunk)):
            guard (collected?.readableBytes ?? 0) + chunk.readableBytes <= responder.maxBodyBytes else {
                // Answer now, without keeping the rest of an oversized body.
                state = .discarding
                write(reply(to: EventResponder.tooLarge, closing: false), closing: false, context: context)
                return
            }
            guard var body = collected else {
                state = .collecting(chunk)
                return
            }
            state = .idle  // drop the buffer's reference while appending, so it is not copied again
            body.writeBuffer(&chunk)
            state = .collecting(body)
        case (.collecting(let body), .end):
            state = .replying
            respond(to: body ?? ByteBuffer(), context: context)
        case (.discarding, .end):
            state = .idle
        case (.discarding, _), (.closing, _):
            break
        default:
            // A head inside a body, or a body outside a request: not HTTP we can follow.
            close(context)
        }
    }

    private func respond(to body: ByteBuffer, context: ChannelHandlerContext) {
        let peer = self.peer ?? responder.clientIPs.peer(context.channel.remoteAddress)
        self.peer = peer
        let result = responder.ingest(body: body, headers: headers, peer: peer)
        let closing = Self.wantsClose(headers)
        guard let sequence = responder.durabilityWait(for: result) else {
            finish(result, closing: closing, context: context)
            return
        }
        let bound = NIOLoopBound((handler: self, context: context), eventLoop: context.eventLoop)
        let handoff = handoff
        responder.pipeline.journal.whenDurable(sequence) { durable in
            let final: IngestResult =
                switch durable {
                case .success: result
                case .failure: .unavailable(retryAfterSeconds: 1)
                }
            // Buffer mode calls back at once, on this event loop; fsync mode from the journal's
            // thread, for every reply of one fsync in a row (one task per event loop for them all).
            handoff.submit {
                bound.value.handler.finish(final, closing: closing, context: bound.value.context)
            }
        }
    }

    private func finish(_ result: IngestResult, closing wanted: Bool, context: ChannelHandlerContext) {
        guard case .replying = state else { return }
        let closing = wanted || closeDeferred
        if closeDeferred, let promise = deferredClose {
            deferredClose = nil
            context.channel.closeFuture.cascade(to: promise)
        }
        if closing {
            // Before writing: a write that completes at once closes at once, which must not be
            // deferred as if this reply were still pending.
            state = .closing
            write(reply(to: result, closing: true), closing: true, context: context)
            return
        }
        write(reply(to: result, closing: false), closing: false, context: context)
        state = .idle
        let parts = queued
        queued.removeAll()
        for (index, part) in parts.enumerated() {
            if case .replying = state {
                queued.append(contentsOf: parts[index...])
                return
            }
            handle(part, context: context)
        }
        if case .replying = state { return }
        if let error = deferredError {
            deferredError = nil
            context.fireErrorCaught(error)
        }
    }

    /// The reply to `result` as bytes, counted in the metrics: prebuilt for the usual acceptances.
    private func reply(to result: IngestResult, closing: Bool) -> ByteBuffer {
        responder.count(result)
        if let prebuilt = replies.prebuilt(for: result, closing: closing) { return prebuilt }
        return EventReplyBytes.encode(EventResponder.answer(for: result), closing: closing)
    }

    /// Writes a whole reply at once and tells the handlers nearer the socket that it ended.
    private func write(_ reply: ByteBuffer, closing: Bool, context: ChannelHandlerContext) {
        if closing {
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(.byteBuffer(reply))).whenComplete { _ in channel.close(promise: nil) }
        } else {
            context.writeAndFlush(wrapOutboundOut(.byteBuffer(reply)), promise: nil)
        }
        context.triggerUserOutboundEvent(HTTPReplyEnded(), promise: nil)
    }

    private func close(_ context: ChannelHandlerContext) {
        state = .closing
        queued.removeAll()
        context.close(promise: nil)
    }

    /// Whether the request target is the Events API in origin form. A target in absolute form
    /// (`http://host/api/event`) goes to Hummingbird's route, which reads it as HTTPTypes does.
    static func isEventPath(_ uri: String) -> Bool {
        if uri == "/api/event" { return true }
        return uri.hasPrefix("/api/event?")
    }

    static func wantsClose(_ headers: EventRequestHeaders) -> Bool {
        headers.connection?.lowercased().contains("close") == true
    }
}
