import ArgumentParser
import PerchCore

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

        @OptionGroup var storage: StoreOptions

        @Option(help: "How many events to write (about).")
        var events: Int = 100_000

        @Option(help: "How many sites to spread them over (traffic ∝ 1/rank).")
        var sites: Int = 10

        @Option(help: "How many days back from now the visits reach.")
        var days: Int = 30

        @Option(help: "Seed of the generator (same seed, same data).")
        var seed: UInt64 = 1

        private static let batchSize = 50_000

        func validate() throws {
            guard events > 0, events <= 1_000_000_000 else { throw ValidationError("--events must be 1…1000000000") }
            guard sites > 0, sites <= 100_000 else { throw ValidationError("--sites must be 1…100000") }
            guard days > 0, days <= 3_650 else { throw ValidationError("--days must be 1…3650") }
        }

        func run() throws {
            try storage.withStores { store, events in try seed(sites: store, events: events) }
        }

        private func seed(sites store: any AdministeredStore, events writer: any EventStore) throws {
            var siteIDs: [Int64] = []
            var hostnames: [String] = []
            for index in 1...sites {
                let domain = "seed-\(index).example"
                let site =
                    try store.site(domain: domain)
                    ?? store.addSite(domain: domain, timezone: "UTC", rateLimit: .unlimited)
                siteIDs.append(site.id)
                hostnames.append(domain)
            }
            var generator = DevSeedGenerator(
                siteIDs: siteIDs, hostnames: hostnames, now: SystemWallClock().nowSeconds(), days: days, seed: seed)
            // Writes go straight to the store, at the journal position it already has: nothing to replay.
            let sequence = try writer.appliedJournalSequence()
            var written = 0
            // Day by day, oldest first, each day's rows sorted by (site, time): every write then
            // appends near the end of each site's range of the (site, time)-clustered tables, as
            // live traffic does, instead of landing on random pages.
            for day in 0..<days where written < events {
                let target = events * (day + 1) / days
                var dayEvents: [EventRecord] = []
                var daySessions: [SessionRecord] = []
                while written < target {
                    let visit = generator.nextSession(day: day)
                    dayEvents += visit.events
                    daySessions.append(visit.session)
                    written += visit.events.count
                }
                dayEvents.sort { ($0.siteID, $0.timestamp) < ($1.siteID, $1.timestamp) }
                daySessions.sort { ($0.siteID, $0.start) < ($1.siteID, $1.start) }
                for chunk in stride(from: 0, to: max(dayEvents.count, daySessions.count), by: Self.batchSize) {
                    let eventSlice = dayEvents[
                        min(chunk, dayEvents.count)..<min(chunk + Self.batchSize, dayEvents.count)]
                    let sessionSlice =
                        daySessions[min(chunk, daySessions.count)..<min(chunk + Self.batchSize, daySessions.count)]
                    try writer.write(
                        StoreBatch(events: Array(eventSlice), sessions: Array(sessionSlice), lastSequence: sequence))
                }
            }
            print("seeded \(written) events over \(sites) sites (seed-1.example … seed-\(sites).example)")
        }
    }
}
