import ArgumentParser
import Foundation
import PerchCore
import PerchEnrich

extension DatasetsCommand {
    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Download data sets from their public upstreams, verify them and swap them in.",
            discussion: """
                Without KIND, every kind this build can verify. A failing upstream fails its kind only;
                the exit status is non-zero when any kind failed, and a refused download leaves the
                installed file as it was.
                """
        )

        @Argument(help: "The data sets to update (default: all).")
        var kinds: [String] = []

        @Option(
            help: "Base URL replacing each upstream's scheme and host, path kept (env PERCH_DATASETS_MIRROR)."
        )
        var mirror: String?

        @OptionGroup var data: DataDirectoryOptions

        func run() async throws {
            try await execute(
                catalog: .standard,
                fetcher: HTTPDatasetFetcher(),
                clock: SystemWallClock(),
                environment: ProcessInfo.processInfo.environment,
                console: .standard
            )
        }

        func execute(
            catalog: DatasetCatalog,
            fetcher: any DatasetFetching,
            clock: any WallClock,
            environment: [String: String],
            console: DatasetConsole
        ) async throws {
            let requested = try kinds.map(DatasetsCommand.kind(named:))
            let chosen =
                requested.isEmpty ? DatasetKind.allCases.filter { catalog.contentType(for: $0) != nil } : requested
            let mirror = EnvironmentFallback(environment: environment)
                .value(flag: mirror, variable: "PERCH_DATASETS_MIRROR", default: "")
            let updater = DatasetUpdater(
                directory: DatasetDirectory(dataDirectory: data.resolved(), catalog: catalog, clock: clock),
                fetcher: fetcher,
                mirror: mirror.isEmpty ? nil : mirror
            )
            var failed = 0
            for kind in chosen {
                do {
                    let manifest = try await updater.update(kind)
                    console.write("\(kind.rawValue): installed \(manifest.entries) entries from \(manifest.origin)")
                } catch {
                    failed += 1
                    console.warn("\(kind.rawValue): update failed, the installed file is unchanged: \(error.message)")
                }
            }
            if failed > 0 { throw ExitCode.failure }
        }
    }
}
