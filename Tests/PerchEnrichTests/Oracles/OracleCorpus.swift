import Foundation

/// The labelled corpora `scripts/fetch-oracles` downloads from PyPI (pinned versions) and converts
/// to JSON lines. The test command always sets `PERCH_ORACLE_DIR`; a plain `swift test` without it
/// leaves the oracle suites disabled (they say so in their names) instead of failing offline.
enum OracleCorpus {
    static var directory: String? {
        ProcessInfo.processInfo.environment["PERCH_ORACLE_DIR"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static var isAvailable: Bool { directory != nil }

    /// A file of the corpus directory; fails (rather than skips) when the directory is set but the
    /// file is missing, so a broken download cannot pass as a skipped test.
    static func path(_ name: String) throws -> String {
        guard let directory else { throw OracleCorpusError.notConfigured }
        let path = directory + "/" + name
        guard FileManager.default.fileExists(atPath: path) else { throw OracleCorpusError.missing(path) }
        return path
    }

    /// Every JSON object of a `.jsonl` file of the corpus.
    static func rows(_ name: String) throws -> [[String: Any]] {
        let text = try String(contentsOfFile: path(name), encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            guard let row = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw OracleCorpusError.malformed(name)
            }
            return row
        }
    }
}

enum OracleCorpusError: Error, CustomStringConvertible {
    case notConfigured
    case missing(String)
    case malformed(String)

    var description: String {
        switch self {
        case .notConfigured: "PERCH_ORACLE_DIR is not set (run scripts/fetch-oracles)"
        case .missing(let path): "oracle corpus file missing: \(path)"
        case .malformed(let name): "oracle corpus file has a line that is not a JSON object: \(name)"
        }
    }
}
