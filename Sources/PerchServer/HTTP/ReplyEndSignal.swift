import NIOCore
import NIOHTTP1

/// An outbound user event saying one reply has been written in full. The handlers nearest the
/// socket (`EventFastPathHandler`, `ConnectionGuard`) see replies as bytes only, so they count
/// replies by this event: `ReplyEndSignal` sends it for each of Hummingbird's responses, the fast
/// path for each of its own.
struct HTTPReplyEnded: Sendable {}

/// Sits between Hummingbird's `HTTP1ToHTTPServerCodec` and NIO's `HTTPResponseEncoder`, where a
/// response is still parts, and sends `HTTPReplyEnded` toward the socket after each response's end.
final class ReplyEndSignal: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let ends = if case .end = unwrapOutboundIn(data) { true } else { false }
        context.write(data, promise: promise)
        if ends { context.triggerUserOutboundEvent(HTTPReplyEnded(), promise: nil) }
    }
}
