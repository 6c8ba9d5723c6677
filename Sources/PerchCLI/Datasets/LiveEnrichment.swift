import PerchEnrich
import PerchIngest
import Synchronization

/// The server's live data sets as the one `EnrichmentSnapshot` the pipeline reads per request, kept
/// until one of them loads a new file: a read is one atomic load and one lock, where reading each
/// data set took a lock (and a read of a generic class) apiece. A snapshot is always read after
/// the load count it is kept with, so it is never older than that count says.
final class LiveEnrichment: Sendable {
    private let datasets: ServerDatasets
    private let cached: Mutex<(loads: Int, snapshot: EnrichmentSnapshot)>

    init(datasets: ServerDatasets) {
        self.datasets = datasets
        let loads = datasets.loads.count
        cached = Mutex((loads, Self.read(datasets)))
    }

    /// The data sets in force: the kept snapshot, or a fresh one when a file was loaded since.
    func current() -> EnrichmentSnapshot {
        let loads = datasets.loads.count
        return cached.withLock { cached in
            if cached.loads != loads { cached = (loads, Self.read(datasets)) }
            return cached.snapshot
        }
    }

    private static func read(_ datasets: ServerDatasets) -> EnrichmentSnapshot {
        EnrichmentSnapshot(
            spamReferrers: datasets.spamReferrers.current,
            referrerSources: datasets.referrerSources.current ?? .builtIn,
            datacenterRanges: datasets.datacenterRanges.current,
            publicSuffixes: datasets.publicSuffixes.current ?? .builtIn,
            geo: datasets.geo.current
        )
    }
}
