import ArgumentParser

/// The `perch` command: a Plausible-compatible analytics server and its administration tools.
package struct Perch: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "perch",
        abstract: "A self-hosted, privacy-first web analytics server speaking Plausible's APIs.",
        subcommands: [
            ServeCommand.self, SitesCommand.self, EventsCommand.self, SessionsCommand.self,
        ]
    )

    package init() {}
}
