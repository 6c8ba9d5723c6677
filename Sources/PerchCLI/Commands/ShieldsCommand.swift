import ArgumentParser
import PerchCore
import PerchIngest

/// `perch shields add|list|remove DOMAIN --ip ADDR[/CIDR] | --country CC | --page PATTERN |
/// --hostname PATTERN`: per-site block lists (IP, country, page) and hostname allow list.
struct ShieldsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shields",
        abstract: "Manage a site's shields: blocked IPs, countries and pages, and allowed hostnames.",
        discussion: """
            Page and hostname patterns match the whole text; * and ** stand for any run of characters.
            With at least one hostname rule, events from other hostnames are dropped.
            Limits per site: 30 IP, 30 country, 30 page and 10 hostname rules.
            """,
        subcommands: [Add.self, List.self, Remove.self]
    )

    /// Exactly one rule, given by the option that names its kind.
    struct RuleOptions: ParsableArguments {
        @Option(help: "Block an IP address or CIDR block, e.g. 203.0.113.7 or 2001:db8::/32.")
        var ip: String?

        @Option(help: "Block a country by ISO 3166-1 alpha-2 code, e.g. EE.")
        var country: String?

        @Option(help: "Block pages whose path matches, e.g. /admin/**.")
        var page: String?

        @Option(help: "Allow only hostnames that match (with any hostname rule), e.g. *.example.com.")
        var hostname: String?

        func validate() throws {
            guard given.count == 1 else {
                throw ValidationError("give exactly one of --ip, --country, --page, --hostname")
            }
        }

        private var given: [(ShieldRule.Kind, String)] {
            [(.ip, ip), (.country, country), (.page, page), (.hostname, hostname)].compactMap { kind, text in
                text.map { (kind, $0) }
            }
        }

        func rule() throws -> ShieldRule {
            let (kind, text) = given[0]
            return try ShieldRuleParser.rule(kind: kind, text: text)
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add one rule to a site.")

        @Argument(help: "The site's domain.")
        var domain: String

        @OptionGroup var rule: RuleOptions

        @OptionGroup var storage: StoreOptions

        func run() throws {
            let rule = try rule.rule()
            let site = Site.canonicalDomain(domain)
            // A duplicate or equivalent rule throws `ShieldError.duplicateRule`: exit non-zero with its message.
            try storage.withStore { try $0.addShieldRule(rule, domain: domain) }
            print("added \(rule.kind.rawValue) \(rule.value) to \(site)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List a site's rules, one per line: KIND<TAB>VALUE (KIND is ip, country, page or hostname)."
        )

        @Argument(help: "The site's domain.")
        var domain: String

        @OptionGroup var storage: StoreOptions

        func run() throws {
            for rule in try storage.withStore({ try $0.shieldRules(domain: domain) }) {
                print("\(rule.kind.rawValue)\t\(rule.value)")
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove one rule from a site.")

        @Argument(help: "The site's domain.")
        var domain: String

        @OptionGroup var rule: RuleOptions

        @OptionGroup var storage: StoreOptions

        func run() throws {
            let rule = try rule.rule()
            let site = Site.canonicalDomain(domain)
            guard try storage.withStore({ try $0.removeShieldRule(rule, domain: domain) }) else {
                throw ShieldError.noSuchRule(rule, domain: site)
            }
            print("removed \(rule.kind.rawValue) \(rule.value) from \(site)")
        }
    }
}
