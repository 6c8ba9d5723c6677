import ArgumentParser
import PerchCore
import PerchSQLite
import PerchStats

/// `perch goals add|list|remove DOMAIN`: the conversion goals the Stats API reports on.
struct GoalsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "goals",
        abstract: "Manage a site's conversion goals.",
        subcommands: [Add.self, List.self, Remove.self]
    )

    /// `--event NAME` or `--page PATH`, exactly one.
    struct GoalOptions: ParsableArguments {
        @Option(help: "A custom event name.")
        var event: String?

        @Option(help: "A page path; * matches within a segment, ** across segments.")
        var page: String?

        func kind() throws -> Goal.Kind {
            switch (event?.trimmingASCIIWhitespace(), page?.trimmingASCIIWhitespace()) {
            case (let name?, nil) where !name.isEmpty: return .event(name)
            case (nil, let path?) where path.hasPrefix("/"): return .page(path)
            case (nil, _?): throw ValidationError("--page must start with /")
            default: throw ValidationError("give exactly one of --event NAME or --page PATH")
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a goal to a site.")

        @Argument(help: "The site's domain.")
        var domain: String

        @OptionGroup var goal: GoalOptions

        @Option(help: "Revenue currency of an event goal (ISO 4217, e.g. EUR).")
        var currency: String?

        @OptionGroup var storage: StoreOptions

        func run() throws {
            let kind = try goal.kind()
            let code = currency?.uppercased()
            if let code {
                guard case .event = kind else { throw ValidationError("--currency applies to --event goals only") }
                guard code.count == 3, code.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                    throw ValidationError("--currency must be a 3-letter ISO 4217 code")
                }
            }
            let added = try storage.withStore { store in
                try GoalsCommand.onSite { try store.addGoal(Goal(kind: kind, currency: code), domain: domain) }
            }
            let name = Goal(kind: kind).displayName
            print(added ? "added goal \(name)" : "goal \(name) already exists")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a site's goals.")

        @Argument(help: "The site's domain.")
        var domain: String

        @OptionGroup var storage: StoreOptions

        func run() throws {
            let goals = try storage.withStore { store in try GoalsCommand.onSite { try store.goals(domain: domain) } }
            if goals.isEmpty { print("no goals") }
            for goal in goals {
                print(goal.displayName + (goal.currency.map { " (revenue in \($0))" } ?? ""))
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a goal from a site.")

        @Argument(help: "The site's domain.")
        var domain: String

        @OptionGroup var goal: GoalOptions

        @OptionGroup var storage: StoreOptions

        func run() throws {
            let kind = try goal.kind()
            let removed = try storage.withStore { store in
                try GoalsCommand.onSite { try store.removeGoal(kind, domain: domain) }
            }
            guard removed else { throw ValidationError("no goal \(Goal(kind: kind).displayName) on \(domain)") }
            print("removed goal \(Goal(kind: kind).displayName)")
        }
    }

    /// Runs `body`, naming an unknown site plainly (whichever store said so).
    static func onSite<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch SQLiteStoreError.unknownSite(let name), SiteAdministrationError.unknownSite(let name) {
            throw ValidationError("no site \(name); add it with `perch sites add \(name)`")
        }
    }
}
