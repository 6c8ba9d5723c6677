import ArgumentParser
import PerchEnrich

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `perch-bench geoip --db FILE`: `GeoDatabase.location(_:)` (IPv4 range index) and
/// `MMDBReader.location(_:)` (tree walk) on random IPv4 addresses that have a record (hits) and on
/// uniformly random ones, next to a reference loop that only hashes the address, all on one thread.
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
        let residentBefore = Self.residentBytes()
        let buildStart = Self.now()
        let database = GeoDatabase(reader: reader)
        let buildSeconds = Self.now() - buildStart
        let residentGrowth = Self.residentBytes() - residentBefore
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
        let indexedHitRate = measure(hits) { UInt64(database.location($0).cityGeonameID) }
        let indexedRandomRate = measure(random) { UInt64(database.location($0).cityGeonameID) }
        if let index = database.ipv4Index {
            print(
                "IPv4 index: \(index.rangeCount) ranges, \(index.locations.count) locations, "
                    + "\(index.byteCount / 1024) KiB, built in \(Int(buildSeconds * 1000)) ms "
                    + "(resident memory +\(residentGrowth / 1_048_576) MiB, mapped file pages included)")
        } else {
            print("IPv4 index: none (the IPv4 subtree is not a tree)")
        }
        print("reference (hash of the address): \(Self.format(reference)) /s")
        let rows = [
            ("tree walk, hits:   ", hitRate), ("tree walk, random: ", randomRate),
            ("IPv4 index, hits:  ", indexedHitRate), ("IPv4 index, random:", indexedRandomRate),
        ]
        for (name, rate) in rows {
            print("location \(name) \(Self.format(rate)) lookups/s  ratio \(Self.ratio(rate, reference))")
        }
        let disagreements =
            random.count { database.location($0) != reader.location($0) }
            + hits.count { database.location($0) != reader.location($0) }
        print("index vs tree walk disagreements: \(disagreements)")
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

    /// Resident set size from /proc/self/statm (0 where it does not exist).
    private static func residentBytes() -> Int {
        let descriptor = open("/proc/self/statm", O_RDONLY)
        guard descriptor >= 0 else { return 0 }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 128)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return 0 }
        let fields = buffer[..<count].split(separator: UInt8(ascii: " "))
        guard fields.count > 1, let pages = Int(String(decoding: fields[1], as: UTF8.self)) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    private static func format(_ rate: Double) -> String {
        rate >= 1e6 ? "\(Double(Int(rate / 1e4)) / 100) M" : "\(Int(rate / 1e3)) k"
    }

    private static func ratio(_ rate: Double, _ reference: Double) -> String {
        "\(Double(Int(rate / reference * 1000)) / 1000)"
    }
}
