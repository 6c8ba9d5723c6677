import ArgumentParser
import PerchCore
import PerchStats

/// `perch keys create|list|revoke`: Stats API keys. A key's secret is printed once, at creation;
/// the database keeps only its SHA-256.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Manage Stats API keys.",
        subcommands: [Create.self, List.self, Revoke.self]
    )

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a key and print it (shown only once).")

        @Option(help: "Only allow this site (default: every site).")
        var site: String?

        @Option(name: .customLong("hourly-limit"), help: "Requests allowed per hour (default 600).")
        var hourlyLimit: Int = APIKey.defaultHourlyLimit

        @OptionGroup var storage: StoreOptions

        func run() throws {
            guard hourlyLimit >= 1 else { throw ValidationError("--hourly-limit must be at least 1") }
            var random = SystemRandomNumberGenerator()
            let secret = APIKey.newSecret(using: &random)
            let key = try storage.withStore { store in
                try GoalsCommand.onSite {
                    try store.createAPIKey(secret: secret, domain: site, hourlyLimit: hourlyLimit)
                }
            }
            print("created key \(key.id) for \(key.siteDomain ?? "all sites"), \(key.hourlyLimit) requests/hour")
            print("store it now, it is not shown again: \(secret)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List active keys.")

        @OptionGroup var storage: StoreOptions

        func run() throws {
            print(Self.table(try storage.withStore { try $0.apiKeys() }), terminator: "")
        }

        static func table(_ keys: [APIKey]) -> String {
            guard !keys.isEmpty else { return "no API keys\n" }
            var out = "ID\tPREFIX\tSITE\tHOURLY LIMIT\tCREATED\n"
            for key in keys {
                let created = ISODate.text(key.createdAt)
                out += "\(key.id)\t\(key.prefix)…\t\(key.siteDomain ?? "*")\t\(key.hourlyLimit)\t\(created)\n"
            }
            return out
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key by its id.")

        @Argument(help: "The key's id (see `perch keys list`).")
        var id: Int64

        @OptionGroup var storage: StoreOptions

        func run() throws {
            guard try storage.withStore({ try $0.revokeAPIKey(id: id) }) else {
                throw ValidationError("no active key \(id)")
            }
            print("revoked key \(id)")
        }
    }
}

/// `YYYY-MM-DDTHH:MM:SSZ` for unix seconds, without Foundation's formatters.
enum ISODate {
    static func text(_ seconds: Int64) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        let date = CivilDate(daysSinceEpoch: Int(days))
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : String(value) }
        return date.description + "T" + two(rest / 3600) + ":" + two(rest / 60 % 60) + ":" + two(rest % 60) + "Z"
    }
}
