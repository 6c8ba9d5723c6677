import PerchEnrich

/// Stands in for the geoip kind's content type in the catalog: a text file that must start with
/// `STUB-MMDB` and holds one entry per further line.
struct StubGeoDatabase: DatasetContent {
    static let kind = DatasetKind.geoip
    let entryCount: Int

    init(contentsOfFile path: String) throws(DatasetError) {
        let bytes = try DatasetFile.read(path)
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n")
        guard lines.first == "STUB-MMDB" else { throw DatasetError("\(path) is not a MaxMind DB file") }
        entryCount = lines.count - 1
    }
}
