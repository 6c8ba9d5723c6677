/// Writes one row as a single-line JSON object (no trailing newline).
package struct NDJSONRowSink: ExportFieldSink {
    package private(set) var text: String
    private var first = true

    package init() {
        // An event row is ~700 bytes; growing the string step by step would copy it several times.
        text = "{"
        text.reserveCapacity(1024)
    }

    /// The finished object.
    package var line: String { text + "}" }

    private mutating func key(_ key: String) {
        if first { first = false } else { text += "," }
        JSONText.appendQuoted(key, to: &text)
        text += ":"
    }

    package mutating func string(_ key: String, _ value: String) {
        self.key(key)
        JSONText.appendQuoted(value, to: &text)
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
        PropsJSON.append(value, to: &text)
    }
}
