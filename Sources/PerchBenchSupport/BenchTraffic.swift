import PerchIngest

/// Requests made ahead of a measurement, so making their bodies and headers is not timed.
public struct BenchTraffic: Sendable {
    let requests: [IngestRequest]

    /// Events in the traffic (each request names one site).
    public var count: Int { requests.count }

    /// Request bodies, bytes in all.
    public var bodyBytes: Int { requests.reduce(0) { $0 + $1.body.count } }
}
