import ArgumentParser
import PerchEnrich

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `perch-bench geoip --db FILE`: `MMDBReader.location(_:)` on random IPv4 addresses that have a
/// record (hits) and on uniformly random ones, next to a reference loop that only hashes the
/// address, all on one thread.
struct GeoIPBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "geoip",
        abstract: "MaxMind DB lookups per second (location fast path)."
    )

    @Option(help: "The .mmdb file (e.g. GeoLite2-City.mmdb).")
    var db: String

    @Option(help: "Lookups per measured pass.")
    var lookups: Int = 2_000_000

    @Option(help: "Distinct addresses cycled through.")
    var addresses: Int = 100_000

    @Option(help: "Measured passes; the best is reported.")
    var passes: Int = 5

    func run() throws {
        let reader = try MMDBReader(path: db)
        var state: UInt64 = 0x5EED_2026
        func nextRandom() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var mixed = (state ^ (state >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            return mixed ^ (mixed >> 31)
        }
        var random: [IPAddress] = []
        var hits: [IPAddress] = []
        while random.count < addresses {
            random.append(IPAddress(ipv4: UInt32(truncatingIfNeeded: nextRandom())))
        }
        while hits.count < addresses {
            let address = IPAddress(ipv4: UInt32(truncatingIfNeeded: nextRandom()))
            if !reader.location(address).countryCode.isEmpty { hits.append(address) }
        }
        let found = random.count { !reader.location($0).countryCode.isEmpty }
        print("geoip: \(reader.metadata.databaseType), \(reader.metadata.nodeCount) nodes")
        print("random addresses with a country: \(found * 100 / random.count)%")

        let reference = measure(hits) { address in
            var hasher = Hasher()
            hasher.combine(address)
            return UInt64(truncatingIfNeeded: hasher.finalize())
        }
        let hitRate = measure(hits) { UInt64(reader.location($0).cityGeonameID) }
        let randomRate = measure(random) { UInt64(reader.location($0).cityGeonameID) }
        print("reference (hash of the address): \(Self.format(reference)) /s")
        print("location, hits:   \(Self.format(hitRate)) lookups/s  ratio \(Self.ratio(hitRate, reference))")
        print("location, random: \(Self.format(randomRate)) lookups/s  ratio \(Self.ratio(randomRate, reference))")
    }

    /// Best rate over `passes` passes of `lookups` calls cycling through `inputs`.
    private func measure(_ inputs: [IPAddress], _ body: (IPAddress) -> UInt64) -> Double {
        var best = 0.0
        var checksum: UInt64 = 0
        for _ in 0..<passes {
            let start = Self.now()
            var index = 0
            for _ in 0..<lookups {
                checksum &+= body(inputs[index])
                index += 1
                if index == inputs.count { index = 0 }
            }
            let seconds = Self.now() - start
            best = max(best, Double(lookups) / seconds)
        }
        if checksum == 42 { print("") }  // keeps the loop from being optimised away
        return best
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    private static func format(_ rate: Double) -> String {
        rate >= 1e6 ? "\(Double(Int(rate / 1e4)) / 100) M" : "\(Int(rate / 1e3)) k"
    }

    private static func ratio(_ rate: Double, _ reference: Double) -> String {
        "\(Double(Int(rate / reference * 1000)) / 1000)"
    }
}
