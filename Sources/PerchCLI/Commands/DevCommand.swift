import ArgumentParser
import PerchCore
import PerchSQLite

/// `perch dev …`: tools for developing and benchmarking Perch, not for production data dirs.
struct DevCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev",
        abstract: "Development tools (synthetic data for benchmarks).",
        subcommands: [Seed.self]
    )

    struct Seed: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fill the data directory with synthetic visits: sites seed-1.example … seed-N.example."
        )

        @OptionGroup var data: DataDirectoryOptions

        @Option(help: "How many events to write (about).")
        var events: Int = 100_000

        @Option(help: "How many sites to spread them over (traffic ∝ 1/rank).")
        var sites: Int = 10

        @Option(help: "How many days back from now the visits reach.")
        var days: Int = 30

        @Option(help: "Seed of the generator (same seed, same data).")
        var seed: UInt64 = 1

        func validate() throws {
            guard events > 0, events <= 1_000_000_000 else { throw ValidationError("--events must be 1…1000000000") }
            guard sites > 0, sites <= 100_000 else { throw ValidationError("--sites must be 1…100000") }
            guard days > 0, days <= 3_650 else { throw ValidationError("--days must be 1…3650") }
        }

        func run() throws {
            let store = try data.openStore()
            var siteIDs: [Int64] = []
            var hostnames: [String] = []
            for index in 1...sites {
                let domain = "seed-\(index).example"
                let site = try store.site(domain: domain) ?? store.addSite(domain: domain, rateLimit: .unlimited)
                siteIDs.append(site.id)
                hostnames.append(domain)
            }
            var generator = DevSeedGenerator(
                siteIDs: siteIDs, hostnames: hostnames, now: SystemWallClock().nowSeconds(), days: days, seed: seed)
            // Writes go straight to the store, at the journal position it already has: nothing to replay.
            let sequence = try store.appliedJournalSequence()
            var written = 0
            var batch = StoreBatch(events: [], sessions: [], lastSequence: sequence)
            while written < events {
                let visit = generator.nextSession()
                batch.events += visit.events
                batch.sessions.append(visit.session)
                written += visit.events.count
                if batch.events.count >= 50_000 || written >= events {
                    try store.write(batch)
                    batch = StoreBatch(events: [], sessions: [], lastSequence: sequence)
                }
            }
            print("seeded \(written) events over \(sites) sites (seed-1.example … seed-\(sites).example)")
        }
    }
}
