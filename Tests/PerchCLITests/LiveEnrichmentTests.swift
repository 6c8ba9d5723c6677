import Foundation
import Logging
import PerchEnrich
import Testing

@testable import PerchCLI

/// The snapshot of the data sets the pipeline reads per request: kept between requests, replaced
/// as soon as a data set has loaded a new file.
@Suite struct LiveEnrichmentTests {
    @Test func aReloadedDataSetIsInTheNextSnapshot() throws {
        let folder = NSTemporaryDirectory() + "perch-live-enrichment-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/datasets", withIntermediateDirectories: true)
        let file = folder + "/datasets/" + DatasetKind.spamReferrers.fileName
        try Data("first-spam.example\n".utf8).write(to: URL(fileURLWithPath: file), options: .atomic)

        let quiet = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        let datasets = try ServerDatasets(dataDirectory: folder, geoIPFile: nil, logger: quiet)
        let enrichment = datasets.enrichment
        #expect(enrichment.current().spamReferrers?.contains(host: "first-spam.example") == true)
        #expect(enrichment.current().spamReferrers?.contains(host: "second-spam.example") == false)

        try Data("second-spam.example\nthird-spam.example\n".utf8).write(
            to: URL(fileURLWithPath: file), options: .atomic)
        guard case .loaded = datasets.spamReferrers.reloadIfChanged() else {
            Issue.record("the replaced list was not loaded")
            return
        }
        #expect(enrichment.current().spamReferrers?.contains(host: "first-spam.example") == false)
        #expect(enrichment.current().spamReferrers?.contains(host: "second-spam.example") == true)
        #expect(enrichment.current().referrerSources.knownName(host: "google.com") == "Google")
    }
}
