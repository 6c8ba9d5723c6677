/// Receives one export row field by field, in column order. The row layouts
/// (`EventExport`, `SessionExport`) are written once against this protocol, so the NDJSON keys,
/// the CSV header and the CSV fields can never drift apart.
package protocol ExportFieldSink {
    mutating func string(_ key: String, _ value: String)
    mutating func integer(_ key: String, _ value: Int64)
    mutating func unsigned(_ key: String, _ value: UInt64)
    mutating func boolean(_ key: String, _ value: Bool)
    /// A money amount as a JSON decimal number (`12.3`), or `null`.
    mutating func amount(_ key: String, _ value: MilliAmount?)
    /// Unix seconds written as ISO-8601 UTC (`2026-11-27T10:00:00Z`).
    mutating func timestamp(_ key: String, _ unixSeconds: Int64)
    /// Properties as a JSON object (in CSV: its JSON text).
    mutating func props(_ key: String, _ value: [Prop])
}

/// Collects the column names of a row layout.
package struct ExportHeaderSink: ExportFieldSink {
    package private(set) var keys: [String] = []

    package init() {}

    package mutating func string(_ key: String, _ value: String) { keys.append(key) }
    package mutating func integer(_ key: String, _ value: Int64) { keys.append(key) }
    package mutating func unsigned(_ key: String, _ value: UInt64) { keys.append(key) }
    package mutating func boolean(_ key: String, _ value: Bool) { keys.append(key) }
    package mutating func amount(_ key: String, _ value: MilliAmount?) { keys.append(key) }
    package mutating func timestamp(_ key: String, _ unixSeconds: Int64) { keys.append(key) }
    package mutating func props(_ key: String, _ value: [Prop]) { keys.append(key) }
}
