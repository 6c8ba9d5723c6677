import ArgumentParser

/// The `perch` command: a Plausible-compatible analytics server and its administration tools.
package struct Perch: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "perch",
        abstract: "A self-hosted, privacy-first web analytics server speaking Plausible's APIs.",
        subcommands: [
            ServeCommand.self, SitesCommand.self, EventsCommand.self, SessionsCommand.self, GeoIPCommand.self,
            ShieldsCommand.self, DropsCommand.self,
            KeysCommand.self, GoalsCommand.self, UsersCommand.self, SharesCommand.self,
            DatasetsCommand.self, UserAgentCommand.self, DevCommand.self, StoreCommand.self,
        ]
    )

    package init() {}
}

extension Perch {
    /// Parses the command line and runs the chosen command, awaiting it when it is asynchronous.
    package static func run(arguments: [String]?) async {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
