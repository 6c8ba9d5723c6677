import HTTPTypes
import Logging
import NIOCore
import NIOEmbedded
import NIOHTTP1
import NIOHTTPTypes
import PerchCore
import PerchIngest
import PerchPayload
import Testing

@testable import PerchServer

/// The Events API fast path in the connection's real pipeline (`PerchConnectionHandlers`), fed raw
/// bytes on an `EmbeddedChannel`, with a stand-in for Hummingbird's request loop at its end. The
/// journal is in buffer mode, so every event is answered within the read that completes it.
@Suite struct EventFastPathHandlerTests {
    static let event = #"{"n":"pageview","u":"https://example.com/","d":"example.com"}"#
    static let agent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36"

    /// `POST /api/event` as the tracker sends it, with `extra` header lines.
    static func eventRequest(_ body: String = event, extra: String = "") -> String {
        "POST /api/event HTTP/1.1\r\nHost: perch.test\r\nContent-Type: text/plain\r\nUser-Agent: \(agent)\r\n"
            + "Content-Length: \(body.utf8.count)\r\n\(extra)\r\n\(body)"
    }

    static func get(_ path: String) -> String { "GET \(path) HTTP/1.1\r\nHost: perch.test\r\n\r\n" }

    /// The fast path's `202 ok`, byte for byte.
    static let accepted = String(buffer: EventReplyBytes().accepted)

    /// A connection through the whole pipeline, its fast path answering for `server`.
    private func connection(
        _ server: TestServer, maxBodyBytes: Int = 1_000_000, routesAnswerAtOnce: Bool = true
    ) throws -> (EmbeddedChannel, StandInRoutes) {
        let channel = EmbeddedChannel()
        let components = server.components
        let responder = EventResponder(
            pipeline: components.pipeline, metrics: components.metrics, clientIPs: ClientIPResolver(),
            maxBodyBytes: maxBodyBytes)
        let handlers = PerchConnectionHandlers(
            limits: ConnectionLimits(), counter: ConnectionCounter(limit: 10), fastPath: responder)
        try handlers.configure(channel.pipeline.syncOperations, logger: TestServer.quietLogger)
        let routes = StandInRoutes(answerAtOnce: routesAnswerAtOnce)
        try channel.pipeline.syncOperations.addHandler(routes)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 40_000)).wait()
        return (channel, routes)
    }

    /// Everything written to the socket so far.
    private func written(_ channel: EmbeddedChannel) throws -> String {
        var text = ""
        while let data = try channel.readOutbound(as: IOData.self) {
            guard case .byteBuffer(let buffer) = data else { continue }
            text += String(buffer: buffer)
        }
        return text
    }

    private func send(_ text: String, to channel: EmbeddedChannel) throws {
        try channel.writeInbound(ByteBuffer(string: text))
    }

    @Test func pipelinedEventsAreAnsweredInOrderAndStored() throws {
        let server = try TestServer()
        defer { server.cleanUp() }
        let (channel, routes) = try connection(server)
        try send(Self.eventRequest() + Self.eventRequest() + Self.eventRequest(), to: channel)
        #expect(try written(channel) == String(repeating: Self.accepted, count: 3))
        #expect(routes.seen.isEmpty)
        try server.flush()
        #expect(try server.events().count == 3)
    }

    /// The connection's peer is judged once, but each event's client is read from its own headers.
    @Test func eachEventOnAConnectionIsIdentifiedByItsOwnForwardedClient() throws {
        let server = try TestServer()
        defer { server.cleanUp() }
        let (channel, _) = try connection(server)
        let first = "X-Forwarded-For: 203.0.113.7\r\n"
        let second = "X-Forwarded-For: 198.51.100.9\r\n"
        try send(
            Self.eventRequest(extra: first) + Self.eventRequest(extra: second) + Self.eventRequest(extra: first)
                + Self.eventRequest(),
            to: channel)
        #expect(try written(channel) == String(repeating: Self.accepted, count: 4))
        try server.flush()
        let users = try server.events().map(\.userID)
        #expect(users.count == 4)
        // Two forwarded clients and the peer itself (the request without the header).
        #expect(Set(users).count == 3)
    }

    @Test func aRequestSplitAcrossReadsIsAnsweredOnceWhole() throws {
        let server = try TestServer()
        defer { server.cleanUp() }
        let (channel, _) = try connection(server)
        let request = Array(Self.eventRequest().utf8)
        for piece in [request[..<20], request[20..<(request.count - 10)], request[(request.count - 10)...]] {
            #expect(try written(channel).isEmpty)
            try channel.writeInbound(ByteBuffer(bytes: piece))
        }
        #expect(try written(channel) == Self.accepted)
        try server.flush()
        #expect(try server.events().count == 1)
    }

    /// The first chunk of a body is kept as it came: one split into three reads must still be
    /// stored whole, each chunk in its place, and the next request's body must not reuse it.
    @Test func aBodySplitAcrossReadsIsStoredWholeAndInOrder() throws {
        let server = try TestServer()
        defer { server.cleanUp() }
        let (channel, _) = try connection(server)
        let body = #"{"n":"pageview","u":"https://example.com/first/second/third","d":"example.com"}"#
        let request = Array(Self.eventRequest(body).utf8)
        let bodyStart = request.count - body.utf8.count
        let cuts = [bodyStart + 10, bodyStart + 40, request.count]
        var start = 0
        for end in cuts {
            try channel.writeInbound(ByteBuffer(bytes: request[start..<end]))
            start = end
        }
        let other = #"{"n":"pageview","u":"https://example.com/x","d":"example.com"}"#
        try send(Self.eventRequest(other), to: channel)
        #expect(try written(channel) == Self.accepted + Self.accepted)
        try server.flush()
        #expect(try server.events().map(\.pathname) == ["/first/second/third", "/x"])
    }

    @Test func anEmptyBodyIsAnswered400() throws {
        let server = try TestServer()
        defer { server.cleanUp() }
        let (channel, _) = try connection(server)
        try send(Self.eventRequest(""), to: channel)
        // Plausible's answer to a body it cannot parse, the one an oversized body also gets.
        let unparsable = IngestResult.invalid(
            ValidationErrors(field: "request", message: EventRequestDecoder.unparsableMessage))
        let invalid = EventReplyBytes.encode(EventResponder.answer(for: unparsable), closing: false)
        #expect(try written(channel) == String(buffer: invalid))
        try send(Self.eventRequest(), to: channel)
        #expect(try written(channel) == Self.accepted)
    }

    @Test func expectContinueIsAnsweredBeforeTheBody() throws {
        let server = try TestServer()
        defer { server.cleanUp() }
        let (channel, _) = try connection(server)
        let request = Self.eventRequest(extra: "Expect: 100-continue\r\n")
        let headEnd = request.range(of: "\r\n\r\n")!.upperBound
        try send(String(request[..<headEnd]), to: channel)
        #expect(try written(channel) == "HTTP/1.1 100 Continue\r\n\r\n")
        try send(String(request[headEnd...]), to: channel)
        #expect(try written(channel) == Self.accepted)
    }

    @Test func aBodyTooLargeIsAnswered400ThenDiscardedAndTheConnectionGoesOn() throws {
        let server = try TestServer()
        defer { server.cleanUp() }
        let (channel, routes) = try connection(server, maxBodyBytes: 100)
        let large = Self.eventRequest(String(repeating: " ", count: 150) + Self.event)
        let largeBytes = Array(large.utf8)
        try channel.writeInbound(ByteBuffer(bytes: largeBytes[..<(largeBytes.count - 40)]))
        let tooLarge = EventReplyBytes.encode(EventResponder.answer(for: EventResponder.tooLarge), closing: false)
        #expect(try written(channel) == String(buffer: tooLarge))
        try channel.writeInbound(ByteBuffer(bytes: largeBytes[(largeBytes.count - 40)...]))
        try send(Self.eventRequest(), to: channel)
        #expect(try written(channel) == Self.accepted)
        #expect(routes.seen.isEmpty)
        try server.flush()
        #expect(try server.events().count == 1)
    }

    @Test func connectionCloseIsAnsweredThenClosed() throws {
        let server = try TestServer()
        defer { server.cleanUp() }
        let (channel, _) = try connection(server)
        try send(Self.eventRequest(extra: "Connection: close\r\n"), to: channel)
        let reply = try written(channel)
        #expect(reply == String(buffer: EventReplyBytes().acceptedClosing))
        #expect(reply.contains("\r\nConnection: close\r\n"))
        channel.embeddedEventLoop.run()  // the close waits for the write to complete
        #expect(!channel.isActive)
        try server.flush()
        #expect(try server.events().count == 1)
    }

    @Test func otherRequestsInBetweenGoToTheRoutesInOrder() throws {
        let server = try TestServer()
        defer { server.cleanUp() }
        let (channel, routes) = try connection(server)
        try send(Self.get("/a") + Self.eventRequest() + Self.get("/b"), to: channel)
        #expect(try written(channel) == StandInRoutes.reply("GET /a") + Self.accepted + StandInRoutes.reply("GET /b"))
        #expect(routes.seen == ["GET /a", "GET /b"])
    }

    @Test func anEventBehindAnUnansweredRouteRequestWaitsForItsTurnOnTheRoute() throws {
        let server = try TestServer()
        defer { server.cleanUp() }
        let (channel, routes) = try connection(server, routesAnswerAtOnce: false)
        try send(Self.get("/slow") + Self.eventRequest(), to: channel)
        #expect(try written(channel).isEmpty)
        #expect(routes.seen == ["GET /slow", "POST /api/event"])
        routes.answerPending()
        #expect(try written(channel) == StandInRoutes.reply("GET /slow") + StandInRoutes.reply("POST /api/event"))
        // Both answered: the next event is the fast path's again.
        try send(Self.eventRequest(), to: channel)
        #expect(try written(channel) == Self.accepted)
    }

    @Test func anAbsoluteFormTargetGoesToTheRoute() throws {
        let server = try TestServer()
        defer { server.cleanUp() }
        let (channel, routes) = try connection(server)
        let request = Self.eventRequest().replacingOccurrences(
            of: "POST /api/event", with: "POST http://perch.test/api/event")
        try send(request, to: channel)
        #expect(routes.seen == ["POST /api/event"])
        #expect(try written(channel) == StandInRoutes.reply("POST /api/event"))
    }
}

/// Stands in for Hummingbird's request loop: records each request it is given as "METHOD path"
/// and answers `200` with that text as body, at once or when told.
final class StandInRoutes: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias OutboundOut = HTTPResponsePart

    private let answerAtOnce: Bool
    private var context: ChannelHandlerContext?
    private var current = ""
    private var pending: [String] = []
    private(set) var seen: [String] = []

    init(answerAtOnce: Bool) {
        self.answerAtOnce = answerAtOnce
    }

    /// The bytes of the stand-in's answer to `request`.
    static func reply(_ request: String) -> String {
        "HTTP/1.1 200 OK\r\nContent-Length: \(request.utf8.count)\r\n\r\n\(request)"
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            current = "\(head.method.rawValue) \(head.path ?? "")"
            seen.append(current)
        case .body:
            break
        case .end:
            if answerAtOnce { answer(current, context: context) } else { pending.append(current) }
        }
    }

    func answerPending() {
        guard let context else { return }
        for request in pending { answer(request, context: context) }
        pending.removeAll()
    }

    private func answer(_ request: String, context: ChannelHandlerContext) {
        let head = HTTPResponse(status: .ok, headerFields: [.contentLength: String(request.utf8.count)])
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(ByteBuffer(string: request))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }
}
