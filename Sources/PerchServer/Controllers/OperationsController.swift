import Hummingbird

/// `GET /api/health` (200 once events are accepted, 503 while starting or draining),
/// `GET /api/error` (200, empty body: Plausible's tracker error beacon, spec §1.1) and
/// `GET /metrics` (Prometheus text format).
package struct OperationsController: Sendable {
    package let readiness: Readiness
    package let metrics: ServerMetrics
    /// Refreshes gauges that are sampled rather than counted (journal depth) before a scrape.
    package let sample: @Sendable () -> Void

    package init(readiness: Readiness, metrics: ServerMetrics, sample: @escaping @Sendable () -> Void = {}) {
        self.readiness = readiness
        self.metrics = metrics
        self.sample = sample
    }

    package func addRoutes(to router: Router<PerchRequestContext>) {
        router.get("/api/health") { _, _ in
            health()
        }
        // Plausible captures the message for Sentry; Perch has nowhere to send it, so it only answers.
        router.get("/api/error") { _, _ in
            Response(status: .ok)
        }
        router.get("/metrics") { _, _ in
            sample()
            return Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: metrics.exposition()))
            )
        }
    }

    private func health() -> Response {
        let (status, state): (HTTPResponse.Status, String) =
            switch readiness.current {
            case .ready: (.ok, "ok")
            case .starting: (.serviceUnavailable, "starting")
            case .draining: (.serviceUnavailable, "draining")
            }
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: #"{"status":"\#(state)"}"#))
        )
    }
}
