import HTTPTypes
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1

/// Hummingbird's HTTP/1 child channel (`HTTP1Channel`) with Perch's handlers placed where they see
/// NIOHTTP1's parts rather than HTTPTypes', so the Events API fast path pays for neither the
/// conversion nor the per-part encoding. Each connection's pipeline, from the socket:
///
/// - NIO's request decoder (bytes to `HTTPServerRequestPart`), with Hummingbird's header limits;
/// - `ConnectionGuard`: the connection cap and the slow-client limits, for every request;
/// - `EventFastPathHandler` (when enabled): answers `POST /api/event` with prebuilt bytes and
///   passes every other request on;
/// - NIO's response encoder, `ReplyEndSignal` (tells the two above when a response of
///   Hummingbird's has ended), `HTTP1ToHTTPServerCodec`, Hummingbird's connection state handler,
///   and Hummingbird's request loop, as in `HTTP1Channel`.
///
/// Unlike `configureHTTPServerPipeline`, the decoder does not tell the encoder each request's
/// method (NIO uses that only to drop bodies from `HEAD` responses, which Hummingbird's router
/// already sends without one): requests the fast path answers would never be taken off the
/// encoder's list.
struct PerchHTTP1Channel: ServerChildChannel, HTTPChannelHandler {
    typealias Value = NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>

    let responder: HTTPChannelHandler.Responder
    let handlers: PerchConnectionHandlers

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            try handlers.configure(channel.pipeline.syncOperations, logger: logger)
            return try NIOAsyncChannel(
                wrappingChannelSynchronously: channel,
                configuration: .init(isOutboundHalfClosureEnabled: true)
            )
        }
    }

    func handle(value asyncChannel: Value, logger: Logger) async {
        await handleHTTP(asyncChannel: asyncChannel, logger: logger)
    }
}

/// What each connection's pipeline is built from (see `PerchHTTP1Channel`).
package struct PerchConnectionHandlers: Sendable {
    let limits: ConnectionLimits
    let counter: ConnectionCounter
    /// The Events API's responder, for the fast path; nil serves it from Hummingbird's route.
    let fastPath: EventResponder?
    let replies = EventReplyBytes()
    let handoffs = EventLoopHandoffs()
    /// Hummingbird's default header limits (`HTTP1Channel.Configuration.DecoderConfiguration`).
    var decoderLimits: NIOHTTPDecoderLimitConfiguration {
        var limits = NIOHTTPDecoderLimitConfiguration()
        limits.maxHeaderFieldSize = 80 * 1024
        limits.maxHeaderListSize = 80 * 1024
        limits.maxHeaderFieldCount = 1000
        return limits
    }

    /// The server that builds every connection from these handlers.
    package var server: HTTPServerBuilder {
        HTTPServerBuilder { responder in PerchHTTP1Channel(responder: responder, handlers: self) }
    }

    /// Adds every handler up to (not including) Hummingbird's request loop.
    func configure(_ pipeline: ChannelPipeline.SynchronousOperations, logger: Logger) throws {
        try pipeline.addHandler(
            ByteToMessageHandler(
                HTTPRequestDecoder(leftOverBytesStrategy: .dropBytes, limitConfiguration: decoderLimits))
        )
        try pipeline.addHandler(ConnectionGuard(limits: limits, counter: counter))
        if let fastPath {
            let handoff = handoffs.handoff(to: pipeline.eventLoop)
            try pipeline.addHandler(EventFastPathHandler(responder: fastPath, replies: replies, handoff: handoff))
        }
        try pipeline.addHandler(HTTPResponseEncoder(configuration: .init()))
        try pipeline.addHandler(ReplyEndSignal())
        try pipeline.addHandler(HTTP1ToHTTPServerCodec(secure: false))
        try pipeline.addHandler(HTTPConnectionStateHandler(idleTimeout: nil, logger: logger))
    }
}
