import ArgumentParser
import PerchCore
import PerchSQLite

extension ExportFormat: ExpressibleByArgument {}

/// Options shared by both exports.
struct ExportOptions: ParsableArguments {
    @Option(help: "The site's domain.")
    var site: String

    @Option(help: "ndjson (default) or csv.")
    var format: ExportFormat = .ndjson

    @OptionGroup var data: DataDirectoryOptions

    /// The store and the site's id, or a clear error when the site is unknown.
    func open() throws -> (store: SQLiteStore, siteID: Int64) {
        let store = try data.openStore()
        guard let found = try store.site(domain: site) else {
            throw ValidationError("no site \(Site.canonicalDomain(site))")
        }
        return (store, found.id)
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
            let (store, siteID) = try options.open()
            var output = BufferedOutput()
            try store.exportEvents(siteID: siteID, format: options.format) { output.write($0) }
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
            let (store, siteID) = try options.open()
            var output = BufferedOutput()
            try store.exportSessions(siteID: siteID, format: options.format) { output.write($0) }
            try output.finish()
        }
    }
}
