import ArgumentParser
import PerchCore
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
        let (database, buildSeconds) = BenchmarkTimer.timed { GeoDatabase(reader: reader) }
        let residentGrowth = Self.residentBytes() - residentBefore
        var generator = SplitMix64(seed: 0x5EED_2026)
        var random: [IPAddress] = []
        var hits: [IPAddress] = []
        while random.count < addresses {
            random.append(IPAddress(ipv4: UInt32(truncatingIfNeeded: generator.next())))
        }
        while hits.count < addresses {
            let address = IPAddress(ipv4: UInt32(truncatingIfNeeded: generator.next()))
            if !reader.location(address).countryCode.isEmpty { hits.append(address) }
        }
        let found = random.count { !reader.location($0).countryCode.isEmpty }
        print("geoip: \(reader.metadata.databaseType), \(reader.metadata.nodeCount) nodes")
        print("random addresses with a country: \(found * 100 / random.count)%")

        let timer = BenchmarkTimer(passes: passes, calls: lookups)
        let reference = timer.measure(hits) { address in
            var hasher = Hasher()
            hasher.combine(address)
            return UInt64(truncatingIfNeeded: hasher.finalize())
        }.rate
        let hitRate = timer.measure(hits) { UInt64(reader.location($0).cityGeonameID) }.rate
        let randomRate = timer.measure(random) { UInt64(reader.location($0).cityGeonameID) }.rate
        let indexedHitRate = timer.measure(hits) { UInt64(database.location($0).cityGeonameID) }.rate
        let indexedRandomRate = timer.measure(random) { UInt64(database.location($0).cityGeonameID) }.rate
        if let index = database.ipv4Index {
            print(
                "IPv4 index: \(index.rangeCount) ranges, \(index.locations.count) locations, "
                    + "\(index.byteCount / 1024) KiB, built in \(Int(buildSeconds * 1000)) ms "
                    + "(resident memory +\(residentGrowth / 1_048_576) MiB, mapped file pages included)")
        } else {
            print("IPv4 index: none (the IPv4 subtree is not a tree)")
        }
        print("reference (hash of the address): \(BenchmarkTimer.format(reference)) /s")
        let rows = [
            ("tree walk, hits:   ", hitRate), ("tree walk, random: ", randomRate),
            ("IPv4 index, hits:  ", indexedHitRate), ("IPv4 index, random:", indexedRandomRate),
        ]
        for (name, rate) in rows {
            let ratio = BenchmarkTimer.ratio(rate, reference)
            print("location \(name) \(BenchmarkTimer.format(rate)) lookups/s  ratio \(ratio)")
        }
        let disagreements =
            random.count { database.location($0) != reader.location($0) }
            + hits.count { database.location($0) != reader.location($0) }
        print("index vs tree walk disagreements: \(disagreements)")
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
}
