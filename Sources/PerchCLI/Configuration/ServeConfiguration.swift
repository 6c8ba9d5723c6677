import PerchEnrich
import PerchIngest
import PerchJournal
import PerchServer

/// Everything `perch serve` runs with, resolved once from flags, environment and defaults.
struct ServeConfiguration: Sendable {
    struct Listen: Sendable, Equatable {
        var host: String
        var port: Int
    }

    var listen: Listen
    var dataDirectory: String
    /// Where events and configuration are stored (`--store`); the journal stays in the data directory.
    var store: StoreChoice
    var geoIPDatabase: String?
    var durability: JournalDurability
    var flushInterval: Duration
    var trustedProxies: [CIDRBlock]
    /// The Stats API's column cache budget (`SQLiteDatabase.open(path:columnCacheBytes:)`).
    var statsCacheBytes: Int
    /// How often the server saves its held columns while it runs (`ColumnSnapshotService`);
    /// nil: only when it stops.
    var statsSnapshotInterval: Duration? = .seconds(15 * 60)
    /// A folder to serve the web assets from instead of the embedded copies (development).
    var webAssetsDirectory: String?
    /// The journal's folder when not `DATA_DIR/journal`: another disk keeps events coming in while
    /// the database's disk is full.
    var journalDirectory: String?
    /// The journal's bound on events waiting for the store (`Journal.maxPendingBytes`).
    var journalMaxBytes: Int = 256 << 20
    /// The connection cap and the slow-client timeouts.
    var connectionLimits = ConnectionLimits()
    /// The session cache's bound (`--max-sessions`).
    var maxSessions: Int = SessionCache.defaultMaxSessions
    var maxBodyBytes: Int = 1_000_000
    /// A test hook: crash the ClickHouse writer between two inserts (`PERCH_FAULT_CLICKHOUSE_CRASH_AFTER`).
    var clickHouseCrash: ClickHouseCrashHook? = nil
}

/// Parses the textual forms the CLI accepts.
enum ConfigurationParser {
    static func listen(_ text: String) throws(ConfigurationError) -> ServeConfiguration.Listen {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (0...65535).contains(port)
        else { throw .invalid("--listen", text, "expected HOST:PORT, e.g. 127.0.0.1:8000") }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw .invalid("--listen", text, "expected HOST:PORT, e.g. 127.0.0.1:8000") }
        return .init(host: host, port: port)
    }

    /// CIDR blocks (or single addresses); none given means loopback only.
    static func trustedProxies(_ texts: [String]) throws(ConfigurationError) -> [CIDRBlock] {
        guard !texts.isEmpty else { return CIDRBlock.loopback }
        var blocks: [CIDRBlock] = []
        for text in texts {
            guard let block = CIDRBlock(text) else {
                throw .invalid("--trusted-proxy", text, "expected an address or CIDR block, e.g. 10.0.0.0/8")
            }
            blocks.append(block)
        }
        return blocks
    }

    static func durability(_ text: String) throws(ConfigurationError) -> JournalDurability {
        switch text {
        case "fsync": return .fsync
        case "buffer": return .buffer
        default: throw .invalid("--durability", text, "expected fsync or buffer")
        }
    }

    /// A whole number of MiB, `minimum` to 1 TiB, as bytes.
    static func mebibytes(_ text: String, option: String, minimum: Int = 0) throws(ConfigurationError) -> Int {
        guard let value = Int(text), (minimum...(1 << 20)).contains(value) else {
            throw .invalid(
                option, text,
                minimum == 0
                    ? "expected a whole number of MiB, e.g. 512 (0 turns it off)"
                    : "expected a whole number of MiB, at least \(minimum)")
        }
        return value << 20
    }

    /// `100ms`, `1s`, `2m`; a bare number is seconds.
    static func duration(_ text: String, option: String) throws(ConfigurationError) -> Duration {
        let units: [(suffix: String, perUnit: Duration)] = [
            ("ms", .milliseconds(1)), ("s", .seconds(1)), ("m", .seconds(60)),
        ]
        for (suffix, perUnit) in units where text.hasSuffix(suffix) {
            if let value = Double(text.dropLast(suffix.count)), value > 0, value < 86_400_000 {
                return perUnit * value
            }
            throw .invalid(option, text, "expected a positive duration such as 100ms or 1s")
        }
        if let seconds = Double(text), seconds > 0, seconds < 86_400 { return .seconds(seconds) }
        throw .invalid(option, text, "expected a positive duration such as 100ms or 1s")
    }
}

/// A setting that could not be understood; the message names the option and what it expects.
struct ConfigurationError: Error, CustomStringConvertible {
    let description: String

    static func invalid(_ option: String, _ value: String, _ expected: String) -> ConfigurationError {
        ConfigurationError(description: "invalid value '\(value)' for \(option): \(expected)")
    }
}
