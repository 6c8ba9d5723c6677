// libFuzzer target: the MaxMind DB reader over arbitrary bytes — open a database from memory,
// then look addresses up through the tree walk, the IPv4 range index Perch builds at load and the
// location-name walk of the Stats API. Built by scripts/fuzz, never by SwiftPM.
import PerchCore
import PerchEnrich

/// Spread over IPv4, IPv4-mapped and IPv6 space, like the probes a data-set load makes.
private let probes: [IPAddress] =
    [0x0000_0000, 0x0102_0304, 0x5102_0304, 0x8000_0000, 0xC0A8_0101, 0xD5C0_0000, 0xFFFF_FFFF].map {
        IPAddress(ipv4: $0)
    } + [
        IPAddress(high: 0, low: 0, family: .v6),
        IPAddress(high: 0x2001_0db8_0000_0000, low: 1, family: .v6),
        IPAddress(high: 0x2a00_1450_4001_0800, low: 0x200e, family: .v6),
        IPAddress(high: 0x0000_0000_0000_0000, low: 0x0000_ffff_5102_0304, family: .v6),
        IPAddress(high: .max, low: .max, family: .v6),
    ]

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzMMDBReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let reader = try? MMDBReader(bytes: bytes) else { return 0 }
    // Two addresses taken from the input itself, so lookups follow it into other branches.
    var derived: [IPAddress] = []
    if bytes.count >= 16 {
        var high: UInt64 = 0
        var low: UInt64 = 0
        for index in 0..<8 {
            high = high << 8 | UInt64(bytes[index])
            low = low << 8 | UInt64(bytes[bytes.count - 8 + index])
        }
        derived = [IPAddress(high: high, low: low, family: .v6), IPAddress(ipv4: UInt32(truncatingIfNeeded: low))]
    }
    // Full decodes are the costly part (a record may expand to 65,536 values through pointers):
    // a few of them, and the selective decode of `location` everywhere.
    for ip in [probes[1], probes[8]] + derived.prefix(1) { _ = try? reader.lookup(ip) }
    for ip in [probes[9]] + derived.suffix(1) { _ = try? reader.lookupNetwork(ip) }
    for ip in probes + derived { _ = reader.location(ip) }
    _ = reader.entryCount
    // Building the IPv4 index has a fixed cost (a 65,536-bucket table, about half of a run under
    // coverage instrumentation) and so has the name table: one input in eight, by length, takes
    // the load path a data-set reload takes.
    guard size & 7 == 0 else { return 0 }
    let database = GeoDatabase(reader: reader)
    for ip in probes + derived where ip.isIPv4Mapped {
        _ = database.location(ip)
    }
    _ = database.locationNames
    return 0
}
