import Foundation
import Logging
import PerchCore
import PerchEnrich
import Testing

@testable import PerchCLI

/// The server's place names follow its GeoIP data set: a replaced file brings its own names, and
/// without a file only the built-in country names remain. Uses MaxMind's test databases.
@Suite("Location names follow the GeoIP data set (oracle corpus)", .enabled(if: MaxMindTestData.folder != nil))
struct LocationNamesReloadTests {
    @Test func aReloadedDatabaseBringsItsNames() throws {
        let folder = NSTemporaryDirectory() + "perch-location-names-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/datasets", withIntermediateDirectories: true)
        let target = folder + "/datasets/" + DatasetKind.geoip.fileName
        let source = try #require(MaxMindTestData.folder)

        let quiet = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        let withoutFile = try ServerDatasets(dataDirectory: folder, geoIPFile: nil, logger: quiet)
        #expect(withoutFile.locationNames() == .builtIn)

        try FileManager.default.copyItem(atPath: source + "GeoIP2-City-Test.mmdb", toPath: target)
        let datasets = try ServerDatasets(dataDirectory: folder, geoIPFile: nil, logger: quiet)
        let names = datasets.locationNames
        #expect(names().cityName(2_655_045) == "Boxford")
        #expect(names().regionName("GB-ENG") == "England")
        #expect(names().countryName("GB") == "United Kingdom")

        // A country-only database: the same closure now finds no cities.
        try FileManager.default.removeItem(atPath: target)
        try FileManager.default.copyItem(atPath: source + "GeoIP2-Country-Test.mmdb", toPath: target)
        guard case .loaded = datasets.geo.reloadIfChanged() else {
            Issue.record("the replaced database was not loaded")
            return
        }
        #expect(names().cityName(2_655_045) == nil)
        #expect(names().countryName("GB") == "United Kingdom")
    }
}

/// MaxMind's test databases in the oracle corpus (`PERCH_ORACLE_DIR`), when present.
enum MaxMindTestData {
    static var folder: String? {
        guard let root = ProcessInfo.processInfo.environment["PERCH_ORACLE_DIR"] else { return nil }
        let folder = root + "/maxmind-test-data/test-data/"
        return FileManager.default.fileExists(atPath: folder + "GeoIP2-City-Test.mmdb") ? folder : nil
    }
}
