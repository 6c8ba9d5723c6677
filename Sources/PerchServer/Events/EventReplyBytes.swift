import HTTPTypes
import NIOCore
import PerchIngest

/// Events API replies as the bytes that go on the wire: status line, headers and body in one
/// buffer, written with one write and one flush. They are what Hummingbird's HTTP/1 codecs
/// (`HTTP1ToHTTPServerCodec`, then NIO's `HTTPResponseEncoder`) make of the same `EventResponse`
/// with a `Content-Length`, and `Connection: close` when the connection ends after it. The plain
/// `202 ok`, the answer to almost every event, and the `202` that tells of one dropped event (a
/// bot's, an engagement without a session), are built once per connection kind and reused.
struct EventReplyBytes: Sendable {
    /// `202 ok` with its CORS headers, keeping the connection open.
    let accepted: ByteBuffer
    /// `202 ok`, then the connection closes.
    let acceptedClosing: ByteBuffer
    /// `202 ok` with `x-plausible-dropped: 1`, keeping the connection open.
    let oneDropped: ByteBuffer
    /// `202 ok` with `x-plausible-dropped: 1`, then the connection closes.
    let oneDroppedClosing: ByteBuffer
    /// What NIO sends for `100 Continue`.
    static let continueBytes = ByteBuffer(string: "HTTP/1.1 100 Continue\r\n\r\n")

    init() {
        let ok = EventResponder.answer(for: .accepted(stored: 1, dropped: .init(), durableThrough: nil))
        accepted = Self.encode(ok, closing: false)
        acceptedClosing = Self.encode(ok, closing: true)
        let dropped = EventResponder.answer(for: .accepted(stored: 0, dropped: [.bot], durableThrough: nil))
        oneDropped = Self.encode(dropped, closing: false)
        oneDroppedClosing = Self.encode(dropped, closing: true)
    }

    /// The prebuilt reply to `result`, when it has one: an acceptance that dropped no event or
    /// one, with no drop reason to tell (whatever was stored, the reply is the same).
    func prebuilt(for result: IngestResult, closing: Bool) -> ByteBuffer? {
        guard case .accepted(_, let dropped, _) = result, dropped.debugReasons.isEmpty else { return nil }
        switch dropped.count {
        case 0: return closing ? acceptedClosing : accepted
        case 1: return closing ? oneDroppedClosing : oneDropped
        default: return nil
        }
    }

    /// Encodes `response` as Hummingbird's codecs would, with `Content-Length` after its headers
    /// (and `Connection: close` when `closing`), as the fast path used to set them.
    static func encode(_ response: EventResponse, closing: Bool) -> ByteBuffer {
        var headers = response.headers
        headers[.contentLength] = String(response.body.utf8.count)
        if closing { headers[.connection] = "close" }
        var buffer = ByteBuffer()
        buffer.reserveCapacity(256 + response.body.utf8.count)
        buffer.writeString("HTTP/1.1 \(response.status.code) \(response.status.reasonPhrase)\r\n")
        for field in headers {
            buffer.writeString(field.name.rawName)
            buffer.writeString(": ")
            buffer.writeString(field.value)
            buffer.writeString("\r\n")
        }
        buffer.writeString("\r\n")
        buffer.writeString(response.body)
        return buffer
    }
}
