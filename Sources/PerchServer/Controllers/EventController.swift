import HTTPTypes
import Hummingbird
import Logging
import PerchCore
import PerchIngest
import PerchPayload

/// `POST /api/event`: Plausible's Events API. Runs the synchronous pipeline, then waits for the
/// journal (in fsync mode) before answering `202 ok`.
package struct EventController: Sendable {
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

    package func addRoutes(to router: Router<PerchRequestContext>) {
        router.post("/api/event") { request, context in
            try await handle(request, context: context)
        }
    }

    package func handle(_ request: Request, context: PerchRequestContext) async throws -> Response {
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: maxBodyBytes)
        } catch {
            return reply(.invalid(Self.unparsableBody))
        }
        let ingest = IngestRequest(
            body: Array(body.readableBytesView),
            contentType: request.headers[.contentType],
            userAgent: request.headers[.userAgent],
            clientIP: clientIPs.clientIP(peer: context.remoteAddress, headers: request.headers)
        )
        let result = pipeline.process(ingest)
        if case .accepted(_, _, let durableThrough?) = result {
            do {
                try await pipeline.journal.waitDurable(durableThrough)
            } catch {
                context.logger.error("journal.wait.failed", metadata: ["error": "\(error)"])
                return reply(.unavailable(retryAfterSeconds: 1))
            }
        }
        return reply(result)
    }

    private func reply(_ result: IngestResult) -> Response {
        switch result {
        case .accepted(let stored, let dropped, _):
            metrics.eventRequest(status: 202)
            metrics.eventsAccepted(stored)
            dropped.forEach(metrics.eventDropped)
            var response = Self.text(status: .accepted, "ok")
            if !dropped.isEmpty {
                response.headers[Self.droppedHeader] = String(dropped.count)
            }
            return response
        case .invalid(let errors):
            metrics.eventRequest(status: 400)
            return Self.json(status: .badRequest, errors.jsonBody)
        case .rateLimited(let seconds):
            metrics.eventRequest(status: 429)
            var response = Self.json(status: .tooManyRequests, #"{"errors":{"request":["rate limit exceeded"]}}"#)
            response.headers[.retryAfter] = String(seconds)
            return response
        case .unavailable(let seconds):
            metrics.eventRequest(status: 503)
            var response = Self.json(
                status: .serviceUnavailable,
                #"{"errors":{"request":["temporarily unavailable, retry later"]}}"#
            )
            response.headers[.retryAfter] = String(seconds)
            return response
        }
    }

    static let droppedHeader = HTTPField.Name("x-plausible-dropped")!
    static let unparsableBody = ValidationErrors(field: "request", message: "Unable to parse request body as json")

    static func text(status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status,
            headers: [.contentType: "text/plain; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text))
        )
    }

    static func json(status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text))
        )
    }
}
