import PerchCore
import Synchronization

/// The `geoip` data set as Perch loads it: a MaxMind DB reader plus an IPv4 range index built at
/// load (1.7 s and 23 MiB for GeoLite2-City 2019-12), so IPv4 lookups avoid the tree walk.
/// IPv6 addresses other than IPv4-mapped ones use the reader's tree walk; answers are the
/// reader's own either way.
package final class GeoDatabase: GeoLookup {
    package let reader: MMDBReader
    /// Nil when the IPv4 subtree is not a proper tree; lookups then walk it.
    package let ipv4Index: GeoIPv4Index?
    /// Built on first use: only the Stats API needs names, and a server may never be asked.
    private let names = Mutex<LocationNames?>(nil)

    package init(reader: MMDBReader) {
        self.reader = reader
        ipv4Index = GeoIPv4Index(reader: reader)
    }

    /// Maps the file at `path` and builds the index.
    package convenience init(path: String) throws(MMDBError) {
        self.init(reader: try MMDBReader(path: path))
    }

    package var metadata: MMDBMetadata { reader.metadata }

    /// The place names the database holds (see `MMDBReader.locationNames()`), collected on the
    /// first call; callers arriving meanwhile wait for that one walk instead of repeating it.
    package var locationNames: LocationNames {
        names.withLock { cached in
            if let cached { return cached }
            let built = reader.locationNames()
            cached = built
            return built
        }
    }

    package func location(_ ip: IPAddress) -> GeoLocation {
        if ip.isIPv4Mapped, let ipv4Index { return ipv4Index.location(ipv4: ip.ipv4Value) }
        return reader.location(ip)
    }
}

extension GeoDatabase: DatasetContent {
    package static var kind: DatasetKind { .geoip }

    /// Opens and probes the file as `MMDBReader` does, then builds the index.
    package convenience init(contentsOfFile path: String) throws(DatasetError) {
        self.init(reader: try MMDBReader(contentsOfFile: path))
    }

    package var entryCount: Int { reader.entryCount }
}
