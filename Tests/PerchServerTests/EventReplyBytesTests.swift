import HTTPTypes
import NIOCore
import NIOEmbedded
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1
import PerchCore
import PerchIngest
import PerchPayload
import Testing

@testable import PerchServer

/// The fast path's prebuilt replies against what Hummingbird's codecs (`HTTP1ToHTTPServerCodec`,
/// then NIO's `HTTPResponseEncoder`) write for the same response, as the fast path wrote it before:
/// head with `Content-Length` (and `Connection: close`), body, end.
@Suite struct EventReplyBytesTests {
    static let results: [(String, IngestResult)] = [
        ("accepted", .accepted(stored: 1, dropped: [], durableThrough: nil)),
        ("dropped", .accepted(stored: 0, dropped: [.notFound, .bot], durableThrough: nil)),
        (
            "debug drop reasons",
            .accepted(stored: 0, dropped: .init(reasons: [.bot], debugReasons: [.bot]), durableThrough: 3)
        ),
        ("invalid", .invalid(ValidationErrors(field: "name", message: "can't be blank"))),
        ("too large", EventResponder.tooLarge),
        ("rate limited", .rateLimited(retryAfterSeconds: 7)),
        ("unavailable", .unavailable(retryAfterSeconds: 1)),
    ]

    /// What the codecs write for `response`.
    private func codecBytes(_ response: EventResponse, closing: Bool) throws -> String {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(HTTPResponseEncoder(configuration: .init()))
        try channel.pipeline.syncOperations.addHandler(HTTP1ToHTTPServerCodec(secure: false))
        var head = HTTPResponse(status: response.status, headerFields: response.headers)
        let body = ByteBuffer(string: response.body)
        head.headerFields[.contentLength] = String(body.readableBytes)
        if closing { head.headerFields[.connection] = "close" }
        try channel.writeOutbound(HTTPResponsePart.head(head))
        try channel.writeOutbound(HTTPResponsePart.body(body))
        try channel.writeOutbound(HTTPResponsePart.end(nil))
        var text = ""
        while let data = try channel.readOutbound(as: IOData.self) {
            if case .byteBuffer(let buffer) = data { text += String(buffer: buffer) }
        }
        return text
    }

    @Test(arguments: [false, true]) func everyReplyIsWhatTheCodecsWrite(closing: Bool) throws {
        for (name, result) in Self.results {
            let response = EventResponder.answer(for: result)
            let prebuilt = String(buffer: EventReplyBytes.encode(response, closing: closing))
            #expect(prebuilt == (try codecBytes(response, closing: closing)), "\(name)")
        }
    }

    @Test func theKeptAcceptanceIsThePlainOneWithItsCORSHeaders() throws {
        let replies = EventReplyBytes()
        let plain = EventResponder.answer(for: .accepted(stored: 1, dropped: [], durableThrough: nil))
        #expect(String(buffer: replies.accepted) == (try codecBytes(plain, closing: false)))
        #expect(String(buffer: replies.acceptedClosing) == (try codecBytes(plain, closing: true)))
        let text = String(buffer: replies.accepted)
        #expect(text.hasPrefix("HTTP/1.1 202 Accepted\r\n"))
        #expect(text.contains("\r\nAccess-Control-Allow-Origin: *\r\n"))
        #expect(text.hasSuffix("\r\nContent-Length: 2\r\n\r\nok"))
    }

    /// The prebuilt replies are what encoding the answer gives, for acceptances that dropped no
    /// event or one and tell no reason; every other result is encoded when it happens.
    @Test(arguments: [false, true]) func prebuiltRepliesAreTheEncodedAnswers(closing: Bool) {
        let replies = EventReplyBytes()
        let more: [(String, IngestResult)] = [
            ("one dropped", .accepted(stored: 0, dropped: [.bot], durableThrough: nil)),
            ("one stored, one dropped", .accepted(stored: 1, dropped: [.notFound], durableThrough: 9)),
            ("stored twice", .accepted(stored: 2, dropped: [], durableThrough: 4)),
        ]
        var prebuilt: [String] = []
        for (name, result) in Self.results + more {
            guard let bytes = replies.prebuilt(for: result, closing: closing) else { continue }
            prebuilt.append(name)
            let encoded = EventReplyBytes.encode(EventResponder.answer(for: result), closing: closing)
            #expect(bytes == encoded, "\(name)")
        }
        #expect(prebuilt == ["accepted", "one dropped", "one stored, one dropped", "stored twice"])
    }

    @Test func continueIsWhatTheCodecsWriteForAnInformationalHead() throws {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(HTTPResponseEncoder(configuration: .init()))
        try channel.pipeline.syncOperations.addHandler(HTTP1ToHTTPServerCodec(secure: false))
        try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .continue)))
        let written = try channel.readOutbound(as: IOData.self)
        guard case .byteBuffer(let buffer) = written else {
            Issue.record("nothing written")
            return
        }
        #expect(buffer == EventReplyBytes.continueBytes)
    }
}
