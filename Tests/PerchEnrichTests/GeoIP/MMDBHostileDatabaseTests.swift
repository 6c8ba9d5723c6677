import Foundation
import PerchCore
import PerchEnrich
import Testing

/// MaxMind's broken and hostile databases (and those other readers crashed on) either open and
/// answer every lookup, or fail with an `MMDBError`; the lookup count per file is fixed, so a hang
/// shows as a test that never finishes rather than a timing assertion.
@Suite("MaxMind DB hostile files (oracle corpus)", .enabled(if: OracleCorpus.isAvailable))
struct MMDBHostileDatabaseTests {
    static let lookupsPerFile = 1_000

    static let testDataFiles = [
        "GeoIP2-City-Test-Broken-Double-Format", "GeoIP2-City-Test-Invalid-Node-Count",
        "MaxMind-DB-test-broken-pointers-24", "MaxMind-DB-test-broken-search-tree-24",
        "MaxMind-DB-test-decoder-payload-limit-over", "MaxMind-DB-test-decoder-value-limit-over",
        "MaxMind-DB-test-payload-amplification-dos-string", "MaxMind-DB-test-payload-amplification-dos-worst-case",
        "MaxMind-DB-test-payload-amplification-dos", "MaxMind-DB-test-pointer-decoder-dos-ipv6",
        "MaxMind-DB-test-pointer-decoder-dos", "MaxMind-DB-test-metadata-payload-limit",
        "MaxMind-DB-test-decode-path-shared-budget",
    ].map { "test-data/\($0).mmdb" }

    static let badDataFiles = [
        "libmaxminddb/libmaxminddb-corrupt-search-tree", "libmaxminddb/libmaxminddb-deep-array-nesting",
        "libmaxminddb/libmaxminddb-deep-nesting", "libmaxminddb/libmaxminddb-empty-array-last-in-metadata",
        "libmaxminddb/libmaxminddb-empty-map-last-in-metadata", "libmaxminddb/libmaxminddb-metadata-marker-only",
        "libmaxminddb/libmaxminddb-offset-integer-overflow", "libmaxminddb/libmaxminddb-oversized-array",
        "libmaxminddb/libmaxminddb-oversized-map", "libmaxminddb/libmaxminddb-separator-record-max-left",
        "libmaxminddb/libmaxminddb-separator-record-min-left", "libmaxminddb/libmaxminddb-separator-record-min-right",
        "libmaxminddb/libmaxminddb-uint64-max-epoch", "maxminddb-golang/cyclic-data-structure",
        "maxminddb-golang/invalid-bytes-length", "maxminddb-golang/invalid-data-record-offset",
        "maxminddb-golang/invalid-map-key-length", "maxminddb-golang/invalid-string-length",
        "maxminddb-golang/metadata-is-an-uint128", "maxminddb-golang/unexpected-bytes",
        "maxminddb-python/bad-unicode-in-map-key",
    ].map { "bad-data/\($0).mmdb" }

    /// What happened to one file: refused at open, or opened with how many lookups found, failed.
    enum Outcome: CustomStringConvertible {
        case refused(MMDBError)
        case answered(found: Int, failed: Int, firstError: MMDBError?)

        var description: String {
            switch self {
            case .refused(let error): "refused: \(error)"
            case .answered(let found, let failed, let error):
                "\(found) found, \(failed) failed" + (error.map { " (\($0))" } ?? "")
            }
        }
    }

    /// Seeded random addresses, half IPv4 and half IPv6, plus the ones the fixtures were built for.
    static func probes() -> [IPAddress] {
        var random = SplitMix64(seed: 2_026_1127)
        var addresses = ["0.0.0.1", "1.1.1.0", "1.1.1.1", "2001:db8::1", "2001:220::", "::1.1.1.0"]
            .compactMap { IPAddress($0) }
        while addresses.count < lookupsPerFile {
            let value = random.next()
            addresses.append(
                addresses.count % 2 == 0
                    ? IPAddress(ipv4: UInt32(truncatingIfNeeded: value))
                    : IPAddress(high: value, low: random.next(), family: .v6))
        }
        return addresses
    }

    static func outcome(_ path: String) -> Outcome {
        let reader: MMDBReader
        do {
            reader = try MMDBReader(path: path)
        } catch {
            return .refused(error)
        }
        var found = 0
        var failed = 0
        var firstError: MMDBError?
        for address in probes() {
            do {
                if try reader.lookup(address) != nil { found += 1 }
            } catch {
                failed += 1
                firstError = firstError ?? error
            }
            _ = reader.location(address)
        }
        return .answered(found: found, failed: failed, firstError: firstError)
    }

    @Test(arguments: testDataFiles + badDataFiles)
    func opensAndAnswersOrFailsCleanly(file: String) throws {
        let outcome = Self.outcome(try OracleCorpus.path("maxmind-test-data/" + file))
        print("mmdb hostile \(file): \(outcome)")
        // MaxMind's readers must reject these at open or at lookup; so do we.
        let mustFail = [
            "Broken-Double-Format", "Invalid-Node-Count", "limit-over", "amplification", "pointer-decoder-dos",
            "metadata-payload-limit", "metadata-marker-only", "cyclic-data-structure", "deep-",
        ]
        if mustFail.contains(where: file.contains) {
            if case .answered(_, let failed, _) = outcome {
                #expect(failed > 0, "\(file) answered every lookup")
            }
        }
    }

    @Test(arguments: [
        "MaxMind-DB-test-decoder-value-limit", "MaxMind-DB-test-decoder-value-limit-pointer-heavy",
        "MaxMind-DB-test-decoder-payload-limit",
    ])
    func recordsAtTheLimitsStillDecode(name: String) throws {
        let reader = try MMDBReader(path: MMDBConformanceTests.testData(name))
        guard case .array(let elements)? = try reader.lookup(ip("0.0.0.1")) else {
            Issue.record("not an array")
            return
        }
        #expect(!elements.isEmpty)
    }

    @Test(arguments: [
        "MaxMind-DB-test-decoder-value-limit-over", "MaxMind-DB-test-decoder-payload-limit-over",
        "MaxMind-DB-test-payload-amplification-dos-worst-case",
    ])
    func recordsOverTheLimitsThrowLimitExceeded(name: String) throws {
        let reader = try MMDBReader(path: MMDBConformanceTests.testData(name))
        #expect {
            try reader.lookup(ip("0.0.0.1"))
        } throws: { error in
            if case MMDBError.limitExceeded = error { return true }
            return false
        }
    }
}
