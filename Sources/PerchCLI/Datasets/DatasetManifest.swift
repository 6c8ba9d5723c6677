import Foundation

/// What the sidecar `<file>.meta` next to a data-set file records about it (JSON).
struct DatasetManifest: Codable, Sendable, Equatable {
    /// Where it came from: the upstream URL(s), or `import:<path>`.
    var origin: String
    /// When it was installed, ISO 8601 UTC.
    var installedAt: String
    /// The date the upstream gives its data, when it gives one.
    var upstreamDate: String?
    var entries: Int
    var bytes: Int
    /// Hex SHA-256 of the installed file.
    var sha256: String

    func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding a struct of strings and integers cannot fail.
        return Array(try! encoder.encode(self)) + [UInt8(ascii: "\n")]
    }

    static func decode(_ bytes: [UInt8]) -> DatasetManifest? {
        try? JSONDecoder().decode(DatasetManifest.self, from: Data(bytes))
    }
}
