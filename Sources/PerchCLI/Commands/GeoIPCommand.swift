import ArgumentParser
import PerchCore
import PerchEnrich

/// `perch geoip lookup --geoip FILE IP…`: what Perch would store for each address.
struct GeoIPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "geoip",
        abstract: "Inspect a MaxMind DB geolocation database.",
        subcommands: [Lookup.self]
    )

    struct Lookup: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print one JSON object per IP (arguments, or one per line on standard input)."
        )

        @Option(help: "The .mmdb file.")
        var geoip: String

        @Argument(help: "IP addresses; read from standard input when none are given.")
        var addresses: [String] = []

        func run() throws {
            let reader: MMDBReader
            do {
                reader = try MMDBReader(path: geoip)
            } catch {
                throw ValidationError("cannot use the GeoIP database \(geoip): \(error)")
            }
            var output = BufferedOutput()
            func emit(_ text: String) {
                let location = IPAddress(text).map(reader.location) ?? GeoLocation()
                output.write(
                    "{\"ip\":\(JSONText.quoted(text)),\"country_code\":\(JSONText.quoted(location.countryCode)),"
                        + "\"subdivision1_code\":\(JSONText.quoted(location.subdivision1Code)),"
                        + "\"subdivision2_code\":\(JSONText.quoted(location.subdivision2Code)),"
                        + "\"city_geoname_id\":\(location.cityGeonameID)}\n"
                )
            }
            if addresses.isEmpty {
                while let line = readLine() {
                    let text = line.trimmingASCIIWhitespace()
                    if !text.isEmpty { emit(text) }
                }
            } else {
                addresses.forEach(emit)
            }
            try output.finish()
        }
    }
}
