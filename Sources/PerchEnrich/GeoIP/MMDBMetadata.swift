/// The metadata map stored after the `\xAB\xCD\xEFMaxMind.com` marker.
package struct MMDBMetadata: Sendable, Hashable {
    package var nodeCount: Int
    package var recordSize: Int
    package var ipVersion: Int
    package var databaseType: String
    package var buildEpoch: UInt64
    package var languages: [String]
    /// Language code → description text.
    package var description: [String: String]
    package var binaryFormatMajorVersion: Int
    package var binaryFormatMinorVersion: Int

    /// Builds the metadata from its decoded map, rejecting missing or impossible fields.
    init(_ value: MMDBValue) throws(MMDBError) {
        guard case .map = value else { throw .corruptMetadata("metadata is not a map") }
        nodeCount = try Self.integer(value, "node_count", max: 1 << 32)
        recordSize = try Self.integer(value, "record_size", max: 64)
        ipVersion = try Self.integer(value, "ip_version", max: 6)
        binaryFormatMajorVersion = try Self.integer(value, "binary_format_major_version", max: 255)
        binaryFormatMinorVersion = (try? Self.integer(value, "binary_format_minor_version", max: 255)) ?? 0
        guard let type = value["database_type"]?.stringValue else {
            throw .corruptMetadata("database_type missing")
        }
        databaseType = type
        buildEpoch = value["build_epoch"]?.uintValue ?? 0
        languages = []
        if case .array(let items) = value["languages"] {
            languages = items.compactMap(\.stringValue)
        }
        description = [:]
        if case .map(let entries) = value["description"] {
            for (language, text) in entries {
                if let text = text.stringValue { description[language] = text }
            }
        }
        guard binaryFormatMajorVersion == 2 else {
            throw .corruptMetadata("binary_format_major_version \(binaryFormatMajorVersion)")
        }
        guard ipVersion == 4 || ipVersion == 6 else { throw .corruptMetadata("ip_version \(ipVersion)") }
        guard [24, 28, 32].contains(recordSize) else { throw .unsupportedRecordSize(recordSize) }
        guard nodeCount > 0 else { throw .corruptMetadata("node_count 0") }
    }

    private static func integer(_ map: MMDBValue, _ key: String, max: UInt64) throws(MMDBError) -> Int {
        guard let number = map[key]?.uintValue else { throw .corruptMetadata("\(key) missing") }
        guard number <= max else { throw .corruptMetadata("\(key) \(number) out of range") }
        return Int(number)
    }
}
