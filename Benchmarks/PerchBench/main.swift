import ArgumentParser

/// `perch-bench`: micro-benchmarks of single ingest stages (not timed tests). Each prints its
/// throughput next to a reference loop measured in the same process.
struct PerchBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "perch-bench",
        abstract: "Micro-benchmarks of Perch's ingest stages (build with -c release).",
        subcommands: [GeoIPBenchmark.self, BotBenchmark.self, SessionMemoryBenchmark.self, UserAgentBenchmark.self]
    )
}

PerchBench.main()
