import Foundation
import Synchronization

@testable import PerchCLI

/// Upstream fixtures at the paths the real upstreams use, and a scratch data directory.
enum DatasetFixtures {
    /// 2026-11-27T03:00:00Z.
    static let now: Int64 = 1_795_748_400

    static let feeds: [String: String] = [
        "/ip-ranges.json": """
        {"createDate":"2026-11-26-20-00-00","prefixes":[{"ip_prefix":"3.5.136.0/22"},{"ip_prefix":"3.5.140.0/22"}],
         "ipv6_prefixes":[{"ipv6_prefix":"2600:1f14::/35"}]}
        """,
        "/ipranges/cloud.json": """
        {"creationTime":"2026-11-26T10:00:00",
         "prefixes":[{"ipv4Prefix":"34.1.208.0/20"},{"ipv6Prefix":"2600:1900::/28"}]}
        """,
        "/en-us/iaas/tools/public_ip_ranges.json": """
        {"last_updated_timestamp":"2026-11-20T00:00:00","regions":[{"cidrs":[{"cidr":"129.146.0.0/21"}]}]}
        """,
        "/geo/google.csv": "5.101.96.0/21,NL,NL-NH,Amsterdam,\n2a03:b0c0::/32,US,US-NY,New York,\n",
    ]

    static func upstream() -> FixtureUpstream {
        FixtureUpstream(feeds.mapValues { Array($0.utf8) })
    }

    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "perch-datasets-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func bytes(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map(Array.init)
    }
}

/// Captures what a command writes.
final class ConsoleCapture: Sendable {
    private let lines = Mutex<(out: [String], err: [String])>(([], []))

    var console: DatasetConsole {
        DatasetConsole(
            write: { line in self.lines.withLock { $0.out.append(line) } },
            warn: { line in self.lines.withLock { $0.err.append(line) } }
        )
    }

    var out: [String] { lines.withLock { $0.out } }
    var err: [String] { lines.withLock { $0.err } }
}
