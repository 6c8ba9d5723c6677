import ArgumentParser
import Foundation
import PerchCore
import PerchEnrich
import Testing

@testable import PerchCLI

/// `perch datasets update --mirror` against a local HTTP server serving upstream-shaped fixtures.
@Suite struct DatasetsUpdateTests {
    let dataDirectory: String
    let clock = ManualWallClock(seconds: DatasetFixtures.now)
    let catalog = DatasetCatalog([IPRangeTable.self, StubGeoDatabase.self])

    init() throws {
        dataDirectory = try DatasetFixtures.temporaryDirectory()
    }

    var directory: DatasetDirectory { DatasetDirectory(dataDirectory: dataDirectory, catalog: catalog) }

    func update(
        _ arguments: [String],
        environment: [String: String] = [:],
        console: ConsoleCapture = ConsoleCapture()
    ) async throws {
        let command = try DatasetsCommand.Update.parse(arguments + ["--data-dir", dataDirectory])
        try await command.execute(
            catalog: catalog,
            fetcher: HTTPDatasetFetcher(),
            clock: clock,
            environment: environment,
            console: console.console
        )
    }

    @Test func mergesTheCloudFeedsIntoOneInstalledTable() async throws {
        let upstream = DatasetFixtures.upstream()
        let console = ConsoleCapture()
        let base = try await upstream.withServer { base in
            try await update(["datacenter-ranges", "--mirror", base + "/"], console: console)
            return base
        }
        let path = dataDirectory + "/datasets/datacenter-ranges.txt"
        let table = try IPRangeTable(contentsOfFile: path)
        for inside in [
            "3.5.141.9", "3.5.136.0", "2600:1f14::1", "34.1.210.1", "2600:1900::5", "129.146.7.7",
            "5.101.100.1", "2a03:b0c0:1::",
        ] {
            #expect(table.contains(IPAddress(inside)!), "\(inside)")
        }
        #expect(!table.contains(IPAddress("8.8.8.8")!))
        // Cloudflare fronts sites and carries WARP users: not a datacenter source.
        #expect(!table.contains(IPAddress("173.245.50.1")!))
        // The two adjacent AWS /22 blocks merge into one /21.
        let text = String(decoding: DatasetFixtures.bytes(path) ?? [], as: UTF8.self)
        #expect(text.contains("\n3.5.136.0/21\n"))
        #expect(text.contains("# source: aws \(base)/ip-ranges.json, 3 blocks, dated 2026-11-26-20-00-00\n"))
        let manifest = try #require(directory.manifest(.datacenterRanges))
        #expect(manifest.entries == table.entryCount)
        #expect(manifest.installedAt == "2026-11-27T03:00:00Z")
        #expect(manifest.sha256 == SHA256.hex(DatasetFixtures.bytes(path) ?? []))
        #expect(manifest.origin.contains("\(base)/ipranges/cloud.json"))
        #expect(console.out == ["datacenter-ranges: installed \(manifest.entries) entries from \(manifest.origin)"])
        #expect(Set(upstream.requestedPaths) == Set(DatasetFixtures.feeds.keys))
    }

    @Test func gunzipsAndFallsBackToThePreviousMonth() async throws {
        let upstream = FixtureUpstream()
        let payload = "STUB-MMDB\n" + (1...5000).map { "network \($0)" }.joined(separator: "\n") + "\n"
        upstream.serve("/free/dbip-city-lite-2026-10.mmdb.gz", StoredGzip.wrap(Array(payload.utf8)))
        try await upstream.withServer { base in
            try await update(["geoip"], environment: ["PERCH_DATASETS_MIRROR": base])
        }
        #expect(
            upstream.requestedPaths == ["/free/dbip-city-lite-2026-11.mmdb.gz", "/free/dbip-city-lite-2026-10.mmdb.gz"]
        )
        #expect(DatasetFixtures.bytes(directory.filePath(.geoip)) == Array(payload.utf8))
        let manifest = try #require(directory.manifest(.geoip))
        #expect(manifest.entries == 5000)
        #expect(manifest.upstreamDate == "2026-10")
        #expect(manifest.origin.hasSuffix("/free/dbip-city-lite-2026-10.mmdb.gz"))
    }

    @Test func aRefusedUpstreamLeavesTheInstalledFileAndFailsOnlyItsKind() async throws {
        let upstream = DatasetFixtures.upstream()
        upstream.serve("/free/dbip-city-lite-2026-11.mmdb.gz", StoredGzip.wrap(Array("STUB-MMDB\nnet\n".utf8)))
        try await upstream.withServer { base in try await update(["--mirror", base]) }
        let rangesPath = directory.filePath(.datacenterRanges)
        let before = try #require(DatasetFixtures.bytes(rangesPath))
        let manifestBefore = directory.manifest(.datacenterRanges)

        // A truncated AWS feed and a truncated gzip: both kinds fail, neither file changes.
        upstream.serve("/ip-ranges.json", #"{"prefixes":[{"ip_prefix":"3.5.140.0/22"},"#)
        let gzip = StoredGzip.wrap(Array("STUB-MMDB\nnetwork 1\nnetwork 2\n".utf8))
        upstream.serve("/free/dbip-city-lite-2026-11.mmdb.gz", Array(gzip.dropLast(16)))
        let console = ConsoleCapture()
        await #expect(throws: ExitCode.failure) {
            try await upstream.withServer { base in try await update(["--mirror", base], console: console) }
        }
        #expect(DatasetFixtures.bytes(rangesPath) == before)
        #expect(directory.manifest(.datacenterRanges) == manifestBefore)
        #expect(DatasetFixtures.bytes(directory.filePath(.geoip)) == Array("STUB-MMDB\nnet\n".utf8))
        #expect(console.err.count == 2)
        #expect(console.err.contains { $0.hasPrefix("datacenter-ranges: update failed") && $0.contains("aws feed") })
        #expect(console.err.contains { $0.hasPrefix("geoip: update failed") && $0.contains("gzip") })

        // One good kind and one bad: the good one is installed, the exit status still fails.
        upstream.serve("/free/dbip-city-lite-2026-11.mmdb.gz", Array("STUB-MMDB\na\nb\n".utf8))
        await #expect(throws: ExitCode.failure) {
            try await upstream.withServer { base in try await update(["--mirror", base]) }
        }
        #expect(directory.manifest(.geoip)?.entries == 2)
        #expect(DatasetFixtures.bytes(rangesPath) == before)
    }

    @Test func contentTheKindRefusesIsNotInstalled() async throws {
        let upstream = FixtureUpstream()
        upstream.serve("/free/dbip-city-lite-2026-11.mmdb.gz", "<html>maintenance</html>")
        let console = ConsoleCapture()
        await #expect(throws: ExitCode.failure) {
            try await upstream.withServer { base in try await update(["geoip", "--mirror", base], console: console) }
        }
        #expect(!directory.isInstalled(.geoip))
        #expect(console.err.first?.contains("is not a MaxMind DB file") == true)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dataDirectory + "/datasets")
        #expect(leftovers.isEmpty)
    }

    @Test func aKindWithoutAContentTypeIsRefused() async throws {
        let console = ConsoleCapture()
        await #expect(throws: ExitCode.failure) {
            try await update(["public-suffixes", "--mirror", "http://127.0.0.1:9"], console: console)
        }
        #expect(console.err.first?.contains("cannot verify public-suffixes") == true)
    }

    @Test func unknownKindIsAUsageError() {
        #expect(throws: (any Error).self) { try DatasetsCommand.kind(named: "weather") }
    }
}
