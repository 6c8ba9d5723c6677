import NIOCore
import NIOEmbedded
import NIOHTTP1
import Testing

@testable import PerchServer

/// The connection guard's read limits on a virtual clock: a connection closes when its client is
/// idle for the idle timeout or sends a body for longer than the body timeout, never while a reply
/// is owed, and every request moves the limit (which is a deadline, not a timer per request).
@Suite struct ConnectionGuardTests {
    static let limits = ConnectionLimits(
        maxConnections: 2, idleTimeout: .seconds(30), bodyTimeout: .seconds(5), writeTimeout: .seconds(30))

    /// An active channel with the guard on it, counting against `counter`.
    private func connection(_ counter: ConnectionCounter) throws -> EmbeddedChannel {
        let channel = EmbeddedChannel(handler: ConnectionGuard(limits: Self.limits, counter: counter))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        return channel
    }

    private let head = HTTPServerRequestPart.head(HTTPRequestHead(version: .http1_1, method: .POST, uri: "/api/event"))

    /// A reply as the guard sees it: bytes, then the event that says the reply ended.
    private func answer(_ channel: EmbeddedChannel) throws {
        try channel.writeOutbound(IOData.byteBuffer(ByteBuffer(string: "HTTP/1.1 202 Accepted\r\n\r\n")))
        channel.triggerUserOutboundEvent(HTTPReplyEnded(), promise: nil)
    }

    @Test func anIdleConnectionClosesAfterTheIdleTimeout() throws {
        let channel = try connection(ConnectionCounter(limit: 2))
        channel.embeddedEventLoop.advanceTime(by: .seconds(29))
        #expect(channel.isActive)
        channel.embeddedEventLoop.advanceTime(by: .seconds(1))
        #expect(!channel.isActive)
    }

    @Test func eachAnsweredRequestStartsTheIdleTimeoutAgain() throws {
        let channel = try connection(ConnectionCounter(limit: 2))
        for _ in 0..<10 {
            channel.embeddedEventLoop.advanceTime(by: .seconds(3))
            try channel.writeInbound(head)
            try channel.writeInbound(HTTPServerRequestPart.end(nil))
            try answer(channel)
        }
        // 30 s have passed since the connection opened, 0 s since the last reply.
        #expect(channel.isActive)
        channel.embeddedEventLoop.advanceTime(by: .seconds(29))
        #expect(channel.isActive)
        channel.embeddedEventLoop.advanceTime(by: .seconds(1))
        #expect(!channel.isActive)
    }

    @Test func aSlowBodyClosesAfterTheShorterBodyTimeout() throws {
        let channel = try connection(ConnectionCounter(limit: 2))
        channel.embeddedEventLoop.advanceTime(by: .seconds(10))
        try channel.writeInbound(head)
        channel.embeddedEventLoop.advanceTime(by: .seconds(4))
        try channel.writeInbound(HTTPServerRequestPart.body(ByteBuffer(string: "{")))
        #expect(channel.isActive)
        // A body part does not extend the body's limit: 5 s from its head.
        channel.embeddedEventLoop.advanceTime(by: .seconds(1))
        #expect(!channel.isActive)
    }

    @Test func noLimitRunsWhileAReplyIsOwed() throws {
        let channel = try connection(ConnectionCounter(limit: 2))
        try channel.writeInbound(head)
        try channel.writeInbound(HTTPServerRequestPart.end(nil))
        channel.embeddedEventLoop.advanceTime(by: .seconds(600))
        #expect(channel.isActive)
        try answer(channel)
        channel.embeddedEventLoop.advanceTime(by: .seconds(29))
        #expect(channel.isActive)
        channel.embeddedEventLoop.advanceTime(by: .seconds(1))
        #expect(!channel.isActive)
    }

    @Test func connectionsPastTheCapAreClosedAndClosingOneFreesItsPlace() throws {
        let counter = ConnectionCounter(limit: 2)
        let first = try connection(counter)
        let second = try connection(counter)
        let third = try connection(counter)
        #expect(first.isActive && second.isActive)
        #expect(!third.isActive)
        #expect(counter.current == 2)
        _ = try first.finish()
        #expect(counter.current == 1)
        let fourth = try connection(counter)
        #expect(fourth.isActive)
        #expect(counter.current == 2)
    }
}
