import HTTPTypes
import NIOCore
import PerchIngest
import PerchPayload

/// The Events API minus the transport: runs the pipeline for one request and turns its result
/// into the response Plausible would send, counting it in the metrics. Both the Hummingbird route
/// and the channel-level fast path answer through it, so they cannot drift apart.
package struct EventResponder: Sendable {
    package let pipeline: IngestPipeline
    package let metrics: ServerMetrics
    package let clientIPs: ClientIPResolver
    package let maxBodyBytes: Int

    package init(pipeline: IngestPipeline, metrics: ServerMetrics, clientIPs: ClientIPResolver, maxBodyBytes: Int) {
        self.pipeline = pipeline
        self.metrics = metrics
        self.clientIPs = clientIPs
        self.maxBodyBytes = maxBodyBytes
    }

    /// Decodes, gates, identifies and journals the request; never blocks on I/O.
    package func ingest(body: ByteBuffer, headers: some RequestHeaders, peer: SocketAddress?) -> IngestResult {
        pipeline.process(request(body: body, headers: headers, peer: peer))
    }

    /// As `ingest(body:headers:peer:)`, with the headers picked and the connection's peer judged.
    package func ingest(body: ByteBuffer, headers: EventRequestHeaders, peer: ClientIPResolver.Peer) -> IngestResult {
        pipeline.process(request(body: body, headers: headers, peer: peer))
    }

    /// What the pipeline takes from an HTTP request: the body, and the client the headers name.
    package func request(body: ByteBuffer, headers: some RequestHeaders, peer: SocketAddress?) -> IngestRequest {
        request(body: body, headers: EventRequestHeaders(headers), peer: clientIPs.peer(peer))
    }

    package func request(body: ByteBuffer, headers: EventRequestHeaders, peer: ClientIPResolver.Peer) -> IngestRequest {
        let client = clientIPs.clientIP(peer: peer, headers: headers)
        return IngestRequest(
            body: Array(body.readableBytesView),
            contentType: headers.contentType,
            userAgent: headers.userAgent,
            clientIP: client.text,
            parsedAs: client.address,
            clientIPType: clientIPs.clientIPType(peer: peer, headers: headers)
        )
    }

    /// The journal sequence the reply must wait for, if any.
    package func durabilityWait(for result: IngestResult) -> UInt64? {
        if case .accepted(_, _, let sequence?) = result { return sequence }
        return nil
    }

    /// The answer to a body over the size limit.
    package static let tooLarge = IngestResult.invalid(
        ValidationErrors(field: "request", message: EventRequestDecoder.unparsableMessage)
    )

    /// The response for `result`, counted in the metrics.
    package func response(for result: IngestResult) -> EventResponse {
        count(result)
        return Self.answer(for: result)
    }

    /// Counts `result` in the metrics (requests by status, events accepted and dropped).
    package func count(_ result: IngestResult) {
        switch result {
        case .accepted(let stored, let dropped, _):
            metrics.eventRequest(status: 202)
            metrics.eventsAccepted(stored)
            dropped.forEach(metrics.eventDropped)
        case .invalid: metrics.eventRequest(status: 400)
        case .rateLimited: metrics.eventRequest(status: 429)
        case .unavailable: metrics.eventRequest(status: 503)
        }
    }

    /// The response for `result`, not counted.
    package static func answer(for result: IngestResult) -> EventResponse {
        switch result {
        case .accepted(_, let dropped, _):
            var response = EventResponse(status: .accepted, contentType: EventResponse.text, body: "ok")
            if !dropped.isEmpty { response.headers[EventResponse.droppedHeader] = String(dropped.count) }
            if !dropped.debugReasons.isEmpty {
                response.headers[EventResponse.dropReasonHeader] =
                    dropped.debugReasons.map(\.rawValue).joined(separator: ", ")
            }
            return response
        case .invalid(let errors):
            return EventResponse(status: .badRequest, contentType: EventResponse.json, body: errors.jsonBody)
        case .rateLimited(let seconds):
            var response = EventResponse(
                status: .tooManyRequests,
                contentType: EventResponse.json,
                body: #"{"errors":{"request":["rate limit exceeded"]}}"#
            )
            response.headers[.retryAfter] = String(seconds)
            return response
        case .unavailable(let seconds):
            var response = EventResponse(
                status: .serviceUnavailable,
                contentType: EventResponse.json,
                body: #"{"errors":{"request":["temporarily unavailable, retry later"]}}"#
            )
            response.headers[.retryAfter] = String(seconds)
            return response
        }
    }
}

/// A finished Events API response: status, headers (CORS included) and body text.
package struct EventResponse: Sendable {
    package var status: HTTPResponse.Status
    package var headers: HTTPFields
    package var body: String

    static let text = "text/plain; charset=utf-8"
    static let json = "application/json; charset=utf-8"
    package static let droppedHeader = HTTPField.Name("x-plausible-dropped")!
    /// Why events were dropped, only for sites in debug-drops mode (Perch's own header).
    package static let dropReasonHeader = HTTPField.Name("x-perch-drop-reason")!

    init(status: HTTPResponse.Status, contentType: String, body: String) {
        self.status = status
        self.body = body
        headers = [.contentType: contentType]
        CORSHeaders.addCommon(to: &headers)
    }
}
