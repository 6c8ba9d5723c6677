import PerchCore
import PerchIngest
import Synchronization

/// The ingest pipeline alone, for the benchmarks in `Benchmarks/Pipeline`: decode, validate,
/// enrich (built-in referrer, spam and suffix data, user-agent parser and bot detector; no
/// GeoIP), identify, attach the session and encode the journal entry (`EncodingJournal`).
/// Sites are unlimited, so the rate limiter never refuses; the clock stands still, so every
/// returning visitor continues their session.
///
/// Visitors are numbered: the first `returning` ones are warmed by `warm(visitors:)` and then
/// come back round after round; `newVisitors` hands out numbers no one has used.
public final class IngestBench: Sendable {
    private struct Cursors {
        var pool = 0
        var nextReturning = 0
        /// Far above any pool, below the 2^24 visitors `TrafficMix` has distinct addresses for.
        var nextNew = 1 << 23
    }

    private let pipeline: IngestPipeline
    private let journal = EncodingJournal()
    private let cursors = Mutex(Cursors())

    public init() throws {
        let clock = ManualWallClock(seconds: 1_767_780_000)
        pipeline = try IngestPipeline.forBenchmarks(journal: journal, clock: clock)
    }

    /// Ingests a first pageview for visitors `0..<count`, who are then the returning visitors.
    public func warm(visitors count: Int) {
        ingest(traffic(visitors: 0..<count, round: 0))
        cursors.withLock { $0.pool = count }
    }

    /// The next `count` requests of warmed visitors, cycling through them (a later round each
    /// time round, so the event mix varies).
    public func returningVisitors(_ count: Int) -> BenchTraffic {
        let (pool, start) = cursors.withLock { cursors in
            precondition(cursors.pool > 0, "warm(visitors:) first")
            defer { cursors.nextReturning += count }
            return (cursors.pool, cursors.nextReturning)
        }
        let requests = (start..<start + count).map { TrafficMix.request(visitor: $0 % pool, round: 1 + $0 / pool) }
        return BenchTraffic(requests: requests)
    }

    /// First pageviews of `count` visitors never seen before.
    public func newVisitors(_ count: Int) -> BenchTraffic {
        let start = cursors.withLock { cursors in
            precondition(cursors.nextNew + count <= 1 << 24, "out of distinct visitor addresses")
            defer { cursors.nextNew += count }
            return cursors.nextNew
        }
        return traffic(visitors: start..<start + count, round: 0)
    }

    /// Decodes and validates each request as the pipeline does first; answers how many were valid.
    public func decode(_ traffic: BenchTraffic) -> Int {
        var decoder = pipeline.decoder
        decoder.sources = pipeline.enrichment.current().referrerSources
        var valid = 0
        for request in traffic.requests {
            if case .success = decoder.decode(body: request.body, contentType: request.contentType) { valid += 1 }
        }
        return valid
    }

    /// Runs each request through the whole pipeline; answers how many events were journaled.
    @discardableResult
    public func ingest(_ traffic: BenchTraffic) -> Int {
        var stored = 0
        for request in traffic.requests {
            if case .accepted(let count, _, _) = pipeline.process(request) { stored += count }
        }
        return stored
    }

    /// Sessions held by the cache.
    public var sessions: Int { pipeline.sessions.count }

    /// Bytes of journal entries encoded so far.
    public var journaledBytes: Int { journal.encodedBytes }

    private func traffic(visitors: Range<Int>, round: Int) -> BenchTraffic {
        BenchTraffic(requests: visitors.map { TrafficMix.request(visitor: $0, round: round) })
    }
}
