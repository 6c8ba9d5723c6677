import ArgumentParser
import Foundation
import PerchEnrich

/// `perch datasets status|import|update`: the reference data sets in `DATA_DIR/datasets/`.
struct DatasetsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "datasets",
        abstract: "Show, import and update the reference data sets (geoip, spam referrers, ...).",
        subcommands: [Status.self, Import.self, Update.self]
    )

    /// A kind by its name, e.g. `datacenter-ranges`.
    static func kind(named name: String) throws -> DatasetKind {
        guard let kind = DatasetKind(rawValue: name) else {
            let names = DatasetKind.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("unknown data set '\(name)'; the kinds are \(names)")
        }
        return kind
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "For each data set: installed or not, origin, dates, entries and licence."
        )

        @OptionGroup var data: DataDirectoryOptions

        func run() {
            let directory = DatasetDirectory(dataDirectory: data.resolved(), catalog: .standard)
            DatasetConsole.standard.write(String(Self.report(directory).dropLast()))
        }

        static func report(_ directory: DatasetDirectory) -> String {
            var text = ""
            for kind in DatasetKind.allCases {
                text += "\(kind.rawValue) (\(directory.filePath(kind))): "
                if !directory.isInstalled(kind) {
                    text += "not installed\n"
                } else if let manifest = directory.manifest(kind) {
                    text += "\(manifest.entries) entries, installed \(manifest.installedAt)"
                    text += manifest.upstreamDate.map { ", upstream date \($0)" } ?? ""
                    text += "\n  origin: \(manifest.origin)\n  sha256: \(manifest.sha256)\n"
                } else {
                    text += "installed without a manifest (copied in by hand?)\n"
                }
                if directory.catalog.contentType(for: kind) == nil {
                    text += "  note: this build cannot verify or load this kind yet\n"
                }
                text += "  credit: \(DatasetUpstream.credit(kind))\n"
            }
            return text
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify a local file as a data set and install it (gzip files are unpacked)."
        )

        @Argument(
            help: "The data set: geoip, spam-referrers, referrer-sources, datacenter-ranges or public-suffixes."
        )
        var kind: String

        @Argument(help: "The file to install.")
        var file: String

        @Option(name: .customLong("upstream-date"), help: "The date of the data, recorded in the manifest.")
        var upstreamDate: String?

        @OptionGroup var data: DataDirectoryOptions

        func run() throws {
            try execute(catalog: .standard, console: .standard)
        }

        func execute(catalog: DatasetCatalog, console: DatasetConsole) throws {
            let kind = try DatasetsCommand.kind(named: kind)
            let directory = DatasetDirectory(dataDirectory: data.resolved(), catalog: catalog)
            let absolute = file.hasPrefix("/") ? file : FileManager.default.currentDirectoryPath + "/" + file
            do {
                var bytes = try DatasetFile.read(absolute)
                if GzipData.isGzip(bytes) { bytes = try GzipData.gunzip(bytes, source: file) }
                let manifest = try directory.install(
                    kind,
                    contents: bytes,
                    origin: "import:\(absolute)",
                    upstreamDate: upstreamDate
                )
                console.write("\(kind.rawValue): installed \(manifest.entries) entries from \(absolute)")
            } catch {
                console.warn("\(kind.rawValue): \(error.message)")
                throw ExitCode.failure
            }
        }
    }
}
