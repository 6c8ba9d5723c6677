/// The reference data sets Perch loads from `DATA_DIR/datasets/` and can refresh from their public
/// upstreams: each is one file, loaded at start and hot-reloaded when replaced.
package enum DatasetKind: String, CaseIterable, Sendable {
    case geoip
    case spamReferrers = "spam-referrers"
    case referrerSources = "referrer-sources"
    case datacenterRanges = "datacenter-ranges"
    case publicSuffixes = "public-suffixes"

    /// The file's name inside the datasets folder.
    package var fileName: String {
        switch self {
        case .geoip: "geoip.mmdb"
        case .spamReferrers: "spam-referrers.txt"
        case .referrerSources: "referrer-sources.json"
        case .datacenterRanges: "datacenter-ranges.txt"
        case .publicSuffixes: "public-suffix-list.dat"
        }
    }
}
