import ArgumentParser
import PerchCore

/// `perch sites add|list|remove`.
struct SitesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sites",
        abstract: "Manage the sites Perch accepts events for.",
        subcommands: [Add.self, List.self, Remove.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a site, or change the settings of an existing one."
        )

        @Argument(help: "The site's domain, e.g. example.com.")
        var domain: String

        @Option(help: "IANA time zone for the site's reports (default UTC).")
        var timezone: String?

        @Option(
            name: .customLong("rate-limit"),
            help:
                "Events per minute, as N/min (0/min blocks the site: every event is answered 429), or none (default 600/min)."
        )
        var rateLimit: String?

        @Option(help: "Burst size of the rate limit (default 120).")
        var burst: Int?

        @Option(
            name: .customLong("debug-drops"),
            help: "on: responses name why this site's events were dropped (x-perch-drop-reason); default off."
        )
        var debugDrops: String?

        @OptionGroup var storage: StoreOptions

        func run() throws {
            let debug = try debugDrops.map(Self.parseSwitch)
            try storage.withStore { store in try add(to: store, debug: debug) }
        }

        private func add(to store: any AdministeredStore, debug: Bool?) throws {
            let existing = try store.site(domain: domain)
            let perMinute =
                try rateLimit.map(Self.parseRateLimit) ?? existing.map { $0.rateLimit.eventsPerMinute }
                ?? RateLimit.default.eventsPerMinute
            let limit = RateLimit(
                eventsPerMinute: perMinute,
                burst: burst ?? existing?.rateLimit.burst ?? RateLimit.default.burst
            )
            guard limit.burst >= 1 || limit.eventsPerMinute == nil else {
                throw ValidationError("--burst must be at least 1")
            }
            var site: Site
            if let existing {
                site = try store.updateSite(
                    domain: existing.domain,
                    timezone: timezone ?? existing.timezone,
                    rateLimit: limit
                )
                if let debug { try store.setDebugDrops(domain: site.domain, enabled: debug) }
                site.debugDrops = debug ?? existing.debugDrops
                print("updated \(site.domain) (timezone \(site.timezone), \(site.summary))")
            } else {
                site = try store.addSite(domain: domain, timezone: timezone ?? "UTC", rateLimit: limit)
                // A site added again after a removal starts with debug mode off unless asked.
                try store.setDebugDrops(domain: site.domain, enabled: debug ?? false)
                site.debugDrops = debug ?? false
                print("added \(site.domain) (timezone \(site.timezone), \(site.summary))")
            }
        }

        static func parseSwitch(_ text: String) throws -> Bool {
            switch text {
            case "on": return true
            case "off": return false
            default: throw ValidationError("--debug-drops must be on or off, not '\(text)'")
            }
        }

        static func parseRateLimit(_ text: String) throws -> Int? {
            if text == "none" { return nil }
            let number = text.hasSuffix("/min") ? String(text.dropLast(4)) : text
            guard let value = Int(number), value >= 0 else {
                throw ValidationError("--rate-limit must be N/min (N ≥ 0; 0 blocks the site) or none, not '\(text)'")
            }
            return value
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the sites, one per line.")

        @OptionGroup var storage: StoreOptions

        func run() throws {
            for site in try storage.withStore({ try $0.allSites() }) {
                let debug = site.debugDrops ? "\tdebug-drops on" : ""
                print("\(site.domain)\t\(site.timezone)\t\(site.rateLimit.summary)" + debug)
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a site; its stored events stay, new ones are dropped."
        )

        @Argument(help: "The site's domain.")
        var domain: String

        @OptionGroup var storage: StoreOptions

        func run() throws {
            guard try storage.withStore({ try $0.removeSite(domain: domain) }) else {
                throw ValidationError("no site \(Site.canonicalDomain(domain))")
            }
            print("removed \(Site.canonicalDomain(domain))")
        }
    }
}

extension Site {
    /// How `perch sites add` describes a site's settings.
    var summary: String {
        rateLimit.summary + (debugDrops ? ", debug-drops on" : "")
    }
}

extension RateLimit {
    /// How `perch sites` prints a limit.
    var summary: String {
        guard let perMinute = eventsPerMinute else { return "rate limit none" }
        if perMinute == 0 { return "rate limit 0/min (blocked: every event is answered 429)" }
        return "rate limit \(perMinute)/min burst \(burst)"
    }
}
