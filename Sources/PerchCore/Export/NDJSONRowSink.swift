/// Writes one row as a single-line JSON object (no trailing newline).
package struct NDJSONRowSink: ExportFieldSink {
    package private(set) var text = "{"
    private var first = true

    package init() {}

    /// The finished object.
    package var line: String { text + "}" }

    private mutating func key(_ key: String) {
        if first { first = false } else { text += "," }
        text += JSONText.quoted(key)
        text += ":"
    }

    package mutating func string(_ key: String, _ value: String) {
        self.key(key)
        text += JSONText.quoted(value)
    }

    package mutating func integer(_ key: String, _ value: Int64) {
        self.key(key)
        text += String(value)
    }

    package mutating func unsigned(_ key: String, _ value: UInt64) {
        self.key(key)
        text += String(value)
    }

    package mutating func boolean(_ key: String, _ value: Bool) {
        self.key(key)
        text += value ? "true" : "false"
    }

    package mutating func amount(_ key: String, _ value: MilliAmount?) {
        self.key(key)
        text += value?.decimalText ?? "null"
    }

    package mutating func timestamp(_ key: String, _ unixSeconds: Int64) {
        self.key(key)
        text += "\"" + ISO8601UTC.text(unixSeconds: unixSeconds) + "\""
    }

    package mutating func props(_ key: String, _ value: [Prop]) {
        self.key(key)
        text += PropsJSON.object(value)
    }
}
