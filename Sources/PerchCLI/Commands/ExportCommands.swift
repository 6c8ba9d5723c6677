import ArgumentParser
import PerchCore
import PerchSQLite

/// The export formats of `perch events export` and `perch sessions export`.
enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
    case ndjson, csv
}

/// Options shared by both exports.
struct ExportOptions: ParsableArguments {
    @Option(help: "The site's domain.")
    var site: String

    @Option(help: "ndjson (default) or csv.")
    var format: ExportFormat = .ndjson

    @OptionGroup var data: DataDirectoryOptions

    func siteID(in store: SQLiteStore) throws -> Int64 {
        guard let found = try store.site(domain: site) else {
            throw ValidationError("no site \(Site.canonicalDomain(site))")
        }
        return found.id
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
            let store = try options.data.openStore()
            let siteID = try options.siteID(in: store)
            var output = BufferedOutput()
            if options.format == .csv { output.write(EventExport.csvHeader) }
            try store.exportEvents(siteID: siteID) { event in
                output.write(options.format == .csv ? EventExport.csvRecord(event) : EventExport.ndjsonLine(event))
            }
            output.flush()
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
            let store = try options.data.openStore()
            let siteID = try options.siteID(in: store)
            var output = BufferedOutput()
            if options.format == .csv { output.write(SessionExport.csvHeader) }
            try store.exportSessions(siteID: siteID) { session in
                output.write(
                    options.format == .csv ? SessionExport.csvRecord(session) : SessionExport.ndjsonLine(session))
            }
            output.flush()
        }
    }
}
