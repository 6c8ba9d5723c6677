import ArgumentParser
import PerchCore

extension ExportFormat: ExpressibleByArgument {}

/// Options shared by both exports.
struct ExportOptions: ParsableArguments {
    @Option(help: "The site's domain.")
    var site: String

    @Option(help: "ndjson (default) or csv.")
    var format: ExportFormat = .ndjson

    @OptionGroup var storage: StoreOptions

    /// Runs `body` with the store and the site's id, or throws a clear error when the site is unknown.
    func withSite(_ body: (any AdministeredStore, Int64) throws -> Void) throws {
        try storage.withStore { store in
            guard let found = try store.site(domain: site) else {
                throw ValidationError("no site \(Site.canonicalDomain(site))")
            }
            try body(store, found.id)
        }
    }
}

/// `perch events export`.
struct EventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Read stored events.",
        subcommands: [Export.self]
    )

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a site's events to standard output.")

        @OptionGroup var options: ExportOptions

        func run() throws {
            var output = BufferedOutput()
            try options.withSite { store, siteID in
                try store.exportEvents(siteID: siteID, format: options.format) { output.write($0) }
            }
            try output.finish()
        }
    }
}

/// `perch sessions export`.
struct SessionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions",
        abstract: "Read stored sessions.",
        subcommands: [Export.self]
    )

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a site's sessions to standard output.")

        @OptionGroup var options: ExportOptions

        func run() throws {
            var output = BufferedOutput()
            try options.withSite { store, siteID in
                try store.exportSessions(siteID: siteID, format: options.format) { output.write($0) }
            }
            try output.finish()
        }
    }
}
