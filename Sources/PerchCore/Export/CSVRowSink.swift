/// Writes one row as an RFC 4180 CSV record (no trailing line break). A `null` amount is an empty
/// field; booleans are `true`/`false` as in the NDJSON form.
package struct CSVRowSink: ExportFieldSink {
    package private(set) var record = ""
    private var first = true

    package init() {}

    /// `value` as one CSV field: quoted, with inner quotes doubled, only when it holds a comma,
    /// a quote or a line break (RFC 4180 §2.6–2.7).
    package static func field(_ value: String) -> String {
        let needsQuotes = value.utf8.contains {
            $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"")
                || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r")
        }
        guard needsQuotes else { return value }
        var out = "\""
        for character in value.unicodeScalars {
            if character == "\"" { out += "\"\"" } else { out.unicodeScalars.append(character) }
        }
        return out + "\""
    }

    private mutating func append(_ field: String) {
        if first { first = false } else { record += "," }
        record += field
    }

    package mutating func string(_ key: String, _ value: String) { append(Self.field(value)) }
    package mutating func integer(_ key: String, _ value: Int64) { append(String(value)) }
    package mutating func unsigned(_ key: String, _ value: UInt64) { append(String(value)) }
    package mutating func boolean(_ key: String, _ value: Bool) { append(value ? "true" : "false") }
    package mutating func amount(_ key: String, _ value: MilliAmount?) { append(value?.decimalText ?? "") }

    package mutating func timestamp(_ key: String, _ unixSeconds: Int64) {
        append(ISO8601UTC.text(unixSeconds: unixSeconds))
    }

    package mutating func props(_ key: String, _ value: [Prop]) { append(Self.field(PropsJSON.object(value))) }
}
