import Foundation
import PerchCore
import PerchIngest
import PerchJournal
import PerchSQLite
import Synchronization

/// The SQLite event writer alone, for the benchmarks in `Benchmarks/Pipeline`: what
/// `EventWriter.flushOnce` does with a batch of journal entries (`StoreBatch(collapsing:)`, then
/// `SQLiteStore.write`, one transaction), into an on-disk store in a temporary folder.
///
/// Batches are made ahead of the measurement by the real pipeline (`TrafficMix`'s requests):
/// `newVisitorShare` of a batch's events are first pageviews of visitors never seen before (new
/// sessions: inserts), the rest come from a pool of returning visitors whose sessions continue
/// (upserts of sessions stored before). The clock moves a second a batch, as a busy server's
/// writer flushes about once a second. `grow(batches:)` fills the store first, so its indexes are
/// larger than one batch touches.
public final class StoreBench: Sendable {
    /// A batch as the writer hands it to the store.
    public struct Batch: Sendable {
        let batch: StoreBatch
        /// Events in the batch.
        public var events: Int { batch.events.count }
        /// Sessions in the batch, one state each.
        public var sessions: Int { batch.sessions.count }
    }

    private struct Cursors {
        var nextReturning = 0
        var nextNew = 0
        var round = 1
    }

    /// Visitors who come back, cycled through; each returns every `returningPool / returning
    /// events per batch` seconds, well within the 30-minute session timeout.
    public static let returningPool = 50_000
    public static let newVisitorShare = 0.5

    private let folder: URL
    private let store: SQLiteStore
    private let pipeline: IngestPipeline
    private let journal = CollectingJournal()
    private let clock = ManualWallClock(seconds: 1_767_780_000)
    private let cursors = Mutex(Cursors())

    public init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("perch-store-bench-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // No column cache: the server's is told of each commit, but reads nothing while writing.
        store = SQLiteStore(
            database: try SQLiteDatabase.open(
                path: folder.appendingPathComponent("perch.sqlite").path, columnCacheBytes: 0),
            clock: clock)
        pipeline = try IngestPipeline.forBenchmarks(journal: journal, clock: clock)
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Writes `batches` batches of `events` events each, not measured: the store's starting size.
    public func grow(batches: Int, events: Int) throws {
        for _ in 0..<batches { _ = try write(batch(events)) }
    }

    /// The next batch of `count` events, made (ingested and collapsed) but not written: first
    /// pageviews of new visitors, then returning visitors' events until there are `count` (the
    /// pipeline journals no entry for some of them, e.g. engagement without a pageview).
    public func batch(_ count: Int) -> Batch {
        let newCount = Int(Double(count) * Self.newVisitorShare)
        let (firstNew, round) = cursors.withLock { cursors in
            defer {
                cursors.nextNew += newCount
                cursors.round += 1
            }
            return (cursors.nextNew, cursors.round)
        }
        // New visitors are numbered above the pool, below the 2^24 `TrafficMix` has addresses for.
        for visitor in firstNew..<firstNew + newCount {
            _ = pipeline.process(TrafficMix.request(visitor: Self.returningPool + visitor, round: 0))
        }
        while journal.count < count {
            let number = cursors.withLock { cursors in
                defer { cursors.nextReturning += 1 }
                return cursors.nextReturning
            }
            _ = pipeline.process(TrafficMix.request(visitor: number % Self.returningPool, round: round))
        }
        clock.advance(seconds: 1)
        return Batch(batch: StoreBatch(collapsing: journal.take()))
    }

    /// Writes `batch` as the event writer does; answers the number of events written.
    public func write(_ batch: Batch) throws -> Int {
        try store.write(batch.batch)
        return batch.batch.events.count
    }

    /// Bytes this process has caused to be written to storage so far (`/proc/self/io`'s
    /// `write_bytes`: SQLite's WAL and checkpoint writes), or nil where there is no such file.
    /// The kernel counts each page-cache folio a write dirties whole, so with ext4's large folios
    /// this is more than reaches the disk (under the load harness SQLite sent about 2.8 KB an
    /// event to the device): a measure to compare runs by, not the device's traffic.
    public static func bytesWritten() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/io", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("write_bytes:") {
            return Int(line.dropFirst("write_bytes:".count).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }
}
