import ArgumentParser
import Foundation
import PerchCore
import PerchEnrich
import Testing

@testable import PerchCLI

@Suite struct DatasetsImportStatusTests {
    let dataDirectory: String
    let catalog = DatasetCatalog([IPRangeTable.self, StubGeoDatabase.self])

    init() throws {
        dataDirectory = try DatasetFixtures.temporaryDirectory()
    }

    var directory: DatasetDirectory { DatasetDirectory(dataDirectory: dataDirectory, catalog: catalog) }

    func importFile(_ kind: String, _ bytes: [UInt8], console: ConsoleCapture = ConsoleCapture()) throws -> String {
        let file = dataDirectory + "/incoming-\(UUID().uuidString)"
        _ = FileManager.default.createFile(atPath: file, contents: Data(bytes))
        let command = try DatasetsCommand.Import.parse(
            [kind, file, "--data-dir", dataDirectory, "--upstream-date", "2026-11-01"]
        )
        try command.execute(catalog: catalog, console: console.console)
        return file
    }

    @Test func importVerifiesAndInstalls() throws {
        let text = "# my ranges\n10.0.0.0/8\n2001:db8::/32\n"
        let console = ConsoleCapture()
        let file = try importFile("datacenter-ranges", Array(text.utf8), console: console)
        #expect(DatasetFixtures.bytes(directory.filePath(.datacenterRanges)) == Array(text.utf8))
        let manifest = try #require(directory.manifest(.datacenterRanges))
        #expect(manifest.origin == "import:\(file)")
        #expect(manifest.entries == 2)
        #expect(manifest.bytes == text.utf8.count)
        #expect(manifest.upstreamDate == "2026-11-01")
        #expect(manifest.sha256 == SHA256.hex(Array(text.utf8)))
        #expect(console.out == ["datacenter-ranges: installed 2 entries from \(file)"])
    }

    @Test func importRefusesABadFileAndKeepsTheOldOne() throws {
        let good = Array("10.0.0.0/8\n".utf8)
        _ = try importFile("datacenter-ranges", good)
        let manifest = directory.manifest(.datacenterRanges)
        let console = ConsoleCapture()
        #expect(throws: ExitCode.failure) {
            _ = try importFile("datacenter-ranges", Array("10.0.0.0/8\n10.0.0.0/99\n".utf8), console: console)
        }
        #expect(DatasetFixtures.bytes(directory.filePath(.datacenterRanges)) == good)
        #expect(directory.manifest(.datacenterRanges) == manifest)
        #expect(console.err.count == 1)
        #expect(console.err[0].contains("line 2"))
        #expect(!console.err[0].contains(".tmp"), "the message names the file's problem, not the temporary file")
        let names = try FileManager.default.contentsOfDirectory(atPath: dataDirectory + "/datasets").sorted()
        #expect(names == ["datacenter-ranges.txt", "datacenter-ranges.txt.meta"])
    }

    @Test func importUnpacksGzip() throws {
        let payload = Array("STUB-MMDB\na\nb\nc\n".utf8)
        _ = try importFile("geoip", StoredGzip.wrap(payload))
        #expect(DatasetFixtures.bytes(directory.filePath(.geoip)) == payload)
        #expect(directory.manifest(.geoip)?.entries == 3)
    }

    @Test func importOfAKindWithoutContentTypeFails() throws {
        let console = ConsoleCapture()
        #expect(throws: ExitCode.failure) {
            _ = try importFile("spam-referrers", Array("spam.example\n".utf8), console: console)
        }
        #expect(!directory.isInstalled(.spamReferrers))
    }

    @Test func statusListsEveryKindWithItsCredit() throws {
        let file = try importFile("datacenter-ranges", Array("10.0.0.0/8\n192.0.2.0/24\n".utf8))
        let report = DatasetsCommand.Status.report(directory)
        let manifest = try #require(directory.manifest(.datacenterRanges))
        #expect(
            report.contains(
                "datacenter-ranges (\(dataDirectory)/datasets/datacenter-ranges.txt): 2 entries, "
                    + "installed \(manifest.installedAt), upstream date 2026-11-01\n  origin: import:\(file)\n"
                    + "  sha256: \(manifest.sha256)\n"))
        #expect(report.contains("geoip (\(dataDirectory)/datasets/geoip.mmdb): not installed\n"))
        #expect(report.contains("credit: IP Geolocation by DB-IP (https://db-ip.com), CC BY 4.0"))
        #expect(report.contains("credit: Public Suffix List (https://publicsuffix.org), MPL 2.0"))
        #expect(report.contains("public domain"))
        #expect(
            report.contains(
                "public-suffixes (\(dataDirectory)/datasets/public-suffix-list.dat): not installed\n"
                    + "  note: this build cannot verify or load this kind yet\n"))
        for kind in DatasetKind.allCases { #expect(report.contains("\(kind.rawValue) (")) }
    }

    @Test func statusNotesAFileWithoutManifest() throws {
        try FileManager.default.createDirectory(atPath: directory.path, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: directory.filePath(.geoip), contents: Data("x".utf8))
        let report = DatasetsCommand.Status.report(directory)
        #expect(report.contains("geoip (\(directory.filePath(.geoip))): installed without a manifest"))
    }

    @Test func dataDirectoryComesFromTheEnvironmentWhenNoFlag() throws {
        let command = try DatasetsCommand.Status.parse([])
        #expect(command.data.dataDirectory == nil)
        let flagged = try DatasetsCommand.Status.parse(["--data-dir", "/srv/perch"])
        #expect(flagged.data.resolved() == "/srv/perch")
    }
}
