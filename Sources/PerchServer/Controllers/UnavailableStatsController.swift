import Hummingbird

/// Answers the Stats API and the dashboard's pages with 501 and a plain reason when the store has
/// no Stats reader, instead of a bare 404.
struct UnavailableStatsController: Sendable {
    let reason: String

    func addRoutes(to router: Router<PerchRequestContext>) {
        let json = #"{"error":"\#(reason)"}"#
        router.post("/api/v2/query") { _, _ in Self.response(json, type: "application/json; charset=utf-8") }
        router.get("/api/v1/stats/realtime/visitors") { _, _ in
            Self.response(json, type: "application/json; charset=utf-8")
        }
        router.get("/") { _, _ in Self.response(reason + "\n", type: "text/plain; charset=utf-8") }
        router.get("/login") { _, _ in Self.response(reason + "\n", type: "text/plain; charset=utf-8") }
    }

    private static func response(_ text: String, type: String) -> Response {
        Response(
            status: .notImplemented, headers: [.contentType: type],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
