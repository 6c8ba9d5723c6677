import Foundation
import PackagePlugin

/// Embeds the files of a target's `Assets/` folder into its code at build time (as base64 text in
/// one generated Swift file), so the `perch` binary serves its dashboard and tracker with no files
/// beside it. SwiftPM's own `.embedInCode` writes byte-array literals, which take minutes to
/// type-check for a few hundred kilobytes; string literals take milliseconds.
@main
struct EmbedWebAssets: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let assets = target.directoryURL.appending(path: "Assets")
        let names = try FileManager.default.contentsOfDirectory(atPath: assets.path())
            .filter { !$0.hasPrefix(".") }
            .sorted()
        let inputs = names.map { assets.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedWebAssetFiles.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(names.count) web assets",
                executable: try context.tool(named: "perch-embed-assets").url,
                arguments: [output.path()] + inputs.map { $0.path() },
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
