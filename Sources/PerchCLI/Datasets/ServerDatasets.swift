import ArgumentParser
import Foundation
import Logging
import PerchCore
import PerchEnrich
import PerchIngest

/// The data sets a running server follows: one `LiveDataset` per kind in `DATA_DIR/datasets/`
/// (the GeoIP database may come from `--geoip` instead), with the built-in fallbacks where they
/// exist, handed to the pipeline as `EnrichmentData` and to `DatasetReloadService` for hot reload.
struct ServerDatasets {
    let geo: LiveDataset<GeoDatabase>
    let spamReferrers: LiveDataset<SpamReferrerList>
    let referrerSources: LiveDataset<ReferrerSourceTable>
    let datacenterRanges: LiveDataset<IPRangeTable>
    let publicSuffixes: LiveDataset<PublicSuffixList>
    /// Counts the new files any of them loads, for `LiveEnrichment`.
    let loads = DatasetLoadCounter()

    /// Loads every file now. A `--geoip` file that cannot be used stops the start; a refused file
    /// in the datasets folder is logged and its fallback serves until a good file replaces it.
    init(dataDirectory: String, geoIPFile: String?, logger: Logger) throws {
        let directory = dataDirectory + "/datasets/"
        geo = LiveDataset(path: geoIPFile ?? directory + DatasetKind.geoip.fileName, loads: loads)
        if let geoIPFile, case .refused(let error) = geo.initialLoad {
            throw ValidationError("cannot use the GeoIP database \(geoIPFile): \(error)")
        }
        spamReferrers = LiveDataset(
            path: directory + DatasetKind.spamReferrers.fileName, fallback: .builtIn, loads: loads)
        referrerSources = LiveDataset(
            path: directory + DatasetKind.referrerSources.fileName, fallback: .builtIn, loads: loads)
        datacenterRanges = LiveDataset(path: directory + DatasetKind.datacenterRanges.fileName, loads: loads)
        publicSuffixes = LiveDataset(
            path: directory + DatasetKind.publicSuffixes.fileName, fallback: .builtIn, loads: loads)
        if geo.current == nil {
            logger.warning(
                "geoip.none",
                metadata: ["detail": "no --geoip file and no datasets/geoip.mmdb: geo fields stay empty"]
            )
        }
    }

    var all: [any DatasetReloading] { [geo, spamReferrers, referrerSources, datacenterRanges, publicSuffixes] }

    var enrichment: EnrichmentData {
        let live = LiveEnrichment(datasets: self)
        return EnrichmentData(current: { live.current() })
    }

    /// Collects the GeoIP database's place names on a thread of their own (a walk of the whole
    /// file: seconds for GeoLite2-City), so the first Stats query naming places does not wait
    /// for it on the request path.
    func warmLocationNames() {
        guard let database = geo.current else { return }
        Thread.detachNewThread { _ = database.locationNames }
    }

    /// The place names of the GeoIP database in force (a reload brings its names), else the
    /// built-in country names.
    var locationNames: @Sendable () -> LocationNames {
        let geo = geo
        return { geo.current?.locationNames ?? .builtIn }
    }

    /// What each data set's first load found, for `DatasetReloadService.logInitialLoads`.
    var initialLoads: [(DatasetKind, String, DatasetReload)] {
        [
            (.geoip, geo.path, geo.initialLoad),
            (.spamReferrers, spamReferrers.path, spamReferrers.initialLoad),
            (.referrerSources, referrerSources.path, referrerSources.initialLoad),
            (.datacenterRanges, datacenterRanges.path, datacenterRanges.initialLoad),
            (.publicSuffixes, publicSuffixes.path, publicSuffixes.initialLoad),
        ]
    }
}
