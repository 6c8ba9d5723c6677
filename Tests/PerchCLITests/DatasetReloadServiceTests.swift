import Foundation
import Logging
import PerchEnrich
import Synchronization
import Testing

@testable import PerchCLI

/// Collects log messages in memory instead of bootstrapping the global logging system.
final class RecordingLogHandler: LogHandler, Sendable {
    private let records = Mutex<[String]>([])
    var metadata: Logger.Metadata {
        get { [:] }
        set {}
    }
    var logLevel: Logger.Level {
        get { .trace }
        set {}
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { nil }
        set {}
    }

    func log(event: LogEvent) {
        records.withLock { $0.append("\(event.level) \(event.message)") }
    }

    var messages: [String] { records.withLock { $0 } }
}

@Suite struct DatasetReloadServiceTests {
    @Test func pollReloadsReplacedFilesAndLogsOnlyChanges() throws {
        let folder = try DatasetFixtures.temporaryDirectory()
        let directory = DatasetDirectory(dataDirectory: folder, catalog: DatasetCatalog([IPRangeTable.self]))
        try directory.install(
            .datacenterRanges, contents: Array("10.0.0.0/8\n".utf8), origin: "test", upstreamDate: nil
        )
        let live = LiveDataset<IPRangeTable>(path: directory.filePath(.datacenterRanges))
        let handler = RecordingLogHandler()
        let service = DatasetReloadService(datasets: [live], logger: Logger(label: "test") { _ in handler })
        service.logInitialLoads([(.datacenterRanges, live.path, live.initialLoad)])
        service.pollOnce()
        #expect(handler.messages == ["info dataset.loaded"])

        try directory.install(
            .datacenterRanges, contents: Array("192.0.2.0/24\n".utf8), origin: "test", upstreamDate: nil
        )
        service.pollOnce()
        #expect(live.current?.contains(IPAddress("192.0.2.1")!) == true)

        // Garbage written in place (not through an install): refused, logged once, previous value kept.
        try "192.0.2.0/24\ngarbage\n".write(toFile: live.path, atomically: false, encoding: .utf8)
        service.pollOnce()
        service.pollOnce()
        #expect(live.current?.contains(IPAddress("192.0.2.1")!) == true)
        #expect(handler.messages == ["info dataset.loaded", "info dataset.reloaded", "error dataset.refused"])
    }
}
