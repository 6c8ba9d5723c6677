import HTTPTypes
import Hummingbird
import Logging
import PerchCore
import PerchIngest
import PerchJournal
import PerchPayload

/// `POST /api/events`: up to 1,000 Events API objects in one request (a JSON array or NDJSON),
/// for server-side senders and apps that queue events offline. Each event is validated and
/// answered as `POST /api/event` would answer it alone, in order, in one JSON reply; nothing fails
/// silently. Room in the journal is held for the whole batch first, so it is taken whole or
/// refused whole (503). An event's `"id"` (or the request's `Idempotency-Key` header with the
/// event's position) makes retries safe: within 24 hours, and across restarts, a key already
/// stored is acknowledged (`"duplicate": true`) and not stored again.
package struct BatchController: Sendable {
    package static let maxBodyBytes = 5_000_000
    package static let maxIDBytes = 128
    static let idempotencyKeyHeader = HTTPField.Name("Idempotency-Key")!

    let responder: EventResponder
    let index: IdempotencyIndex
    let clock: any WallClock

    package init(responder: EventResponder, index: IdempotencyIndex, clock: any WallClock) {
        self.responder = responder
        self.index = index
        self.clock = clock
    }

    package func addRoutes(to router: Router<PerchRequestContext>) {
        router.post("/api/events") { request, context in
            try await handle(request, context: context)
        }
    }

    /// What one event of the batch came to.
    private struct Outcome {
        var json: String
        /// The key claimed for it, to give back if its event does not become durable.
        var claimed: String?
    }

    func handle(_ request: Request, context: PerchRequestContext) async throws -> Response {
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: Self.maxBodyBytes)
        } catch {
            return Self.refusal(.contentTooLarge, "the batch is larger than \(Self.maxBodyBytes) bytes")
        }
        let events: [[UInt8]]
        do {
            events = try EventBatch.split(Array(body.readableBytesView))
        } catch .tooManyEvents {
            return Self.refusal(.badRequest, "a batch holds at most \(EventBatch.maxEvents) events")
        } catch .empty {
            return Self.refusal(.badRequest, "the batch holds no events")
        } catch {
            return Self.refusal(.badRequest, EventRequestDecoder.unparsableMessage)
        }
        let journal = responder.pipeline.journal
        let reservation: JournalReservation
        do {
            reservation = try journal.reserve(entries: events.count, bytesEach: 512)
        } catch {
            var response = Self.refusal(.serviceUnavailable, "temporarily unavailable, retry later")
            response.headers[.retryAfter] = "1"
            return response
        }
        defer { journal.release(reservation) }
        let headers = request.headers
        let peer = responder.clientIPs.peer(context.remoteAddress)
        let picked = EventRequestHeaders(headers)
        let requestKey = headers[Self.idempotencyKeyHeader].flatMap { $0.isEmpty ? nil : $0 }
        let now = clock.nowSeconds()
        var outcomes: [Outcome] = []
        var durableThrough: UInt64?
        for (position, bytes) in events.enumerated() {
            let key: String?
            switch Self.key(of: bytes, position: position, requestKey: requestKey) {
            case .failure(let failure):
                outcomes.append(
                    Outcome(json: #"{"status":400,"errors":{"id":[\#(JSONText.quoted(failure.message))]}}"#))
                continue
            case .success(let found):
                key = found
            }
            if let key, !index.claim(key, at: now) {
                outcomes.append(Outcome(json: #"{"status":202,"duplicate":true}"#))
                continue
            }
            var ingest = responder.request(body: ByteBuffer(bytes: bytes), headers: picked, peer: peer)
            ingest.idempotencyKey = key
            ingest.reservation = reservation
            let result = responder.pipeline.process(ingest)
            var claimed = key
            switch result {
            case .accepted(_, _, let sequence):
                if let sequence { durableThrough = max(durableThrough ?? 0, sequence) }
            case .invalid, .rateLimited, .unavailable:
                if let key { index.release(key) }
                claimed = nil
            }
            outcomes.append(Outcome(json: Self.json(responder.response(for: result)), claimed: claimed))
        }
        if let durableThrough {
            do {
                try await journal.waitDurable(durableThrough)
            } catch {
                // The journal logs its failed write once per fault; every request is not news.
                for outcome in outcomes { if let key = outcome.claimed { index.release(key) } }
                outcomes = outcomes.map { _ in
                    Outcome(json: #"{"status":503,"errors":{"request":["temporarily unavailable, retry later"]}}"#)
                }
            }
        }
        return Self.jsonResponse(.ok, #"{"results":["# + outcomes.map(\.json).joined(separator: ",") + "]}")
    }

    /// The idempotency key of an event: its `"id"` (a string or an integer of at most 128 bytes)
    /// scoped by the domain it names, else the request's key with the event's position.
    static func key(of bytes: [UInt8], position: Int, requestKey: String?) -> Result<String?, KeyFailure> {
        guard let object = try? JSONParser().parse(bytes), let id = object["id"], id != .null else {
            return .success(requestKey.map { "request\u{1}\($0)\u{1}\(position)" })
        }
        guard case .string = id, let text = id.scalarText, !text.isEmpty, text.utf8.count <= maxIDBytes else {
            if case .integer(let number) = id { return .success(scoped(String(number), object)) }
            return .failure(KeyFailure("must be a non-empty string of at most \(maxIDBytes) bytes"))
        }
        return .success(scoped(text, object))
    }

    struct KeyFailure: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }

    private static func scoped(_ id: String, _ object: JSONValue) -> String {
        let scope = object.either("d", "domain")?.scalarText ?? object.either("u", "url")?.scalarText ?? ""
        return "id\u{1}\(scope)\u{1}\(id)"
    }

    /// One event's result: its status, and what `POST /api/event` would have said with it.
    static func json(_ response: EventResponse) -> String {
        var text = #"{"status":\#(response.status.code)"#
        if let dropped = response.headers[EventResponse.droppedHeader] { text += #","dropped":\#(dropped)"# }
        if let reasons = response.headers[EventResponse.dropReasonHeader] {
            text += #","drop_reasons":\#(JSONText.quoted(reasons))"#
        }
        if response.body.hasPrefix("{"), response.body.hasSuffix("}") {
            text += "," + response.body.dropFirst()
        } else {
            text += "}"
        }
        return text
    }

    static func refusal(_ status: HTTPResponse.Status, _ message: String) -> Response {
        jsonResponse(status, #"{"errors":{"request":[\#(JSONText.quoted(message))]}}"#)
    }

    /// A JSON answer; `CORSMiddleware` adds the CORS headers, as for every routed response.
    static func jsonResponse(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
