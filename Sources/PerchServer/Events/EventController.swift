import HTTPTypes
import Hummingbird
import Logging
import PerchIngest

/// `POST /api/event` as a Hummingbird route: collects the body, runs the responder, then waits
/// for the journal (in fsync mode) before answering. `EventFastPathHandler` serves the same
/// requests from the channel pipeline; this route answers whatever the fast path passes on.
package struct EventController: Sendable {
    package let responder: EventResponder

    package init(responder: EventResponder) {
        self.responder = responder
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
            body = try await request.collectBody(upTo: responder.maxBodyBytes)
        } catch {
            return Self.response(responder.response(for: EventResponder.tooLarge))
        }
        var result = responder.ingest(body: body, headers: request.headers, peer: context.remoteAddress)
        if let sequence = responder.durabilityWait(for: result) {
            do {
                try await responder.pipeline.journal.waitDurable(sequence)
            } catch {
                // The journal logs its failed write once per fault; every request is not news.
                result = .unavailable(retryAfterSeconds: 1)
            }
        }
        return Self.response(responder.response(for: result))
    }

    static func response(_ response: EventResponse) -> Response {
        Response(
            status: response.status,
            headers: response.headers,
            body: .init(byteBuffer: ByteBuffer(string: response.body))
        )
    }
}
