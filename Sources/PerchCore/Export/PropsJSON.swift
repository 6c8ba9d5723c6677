/// The JSON object form of custom properties (`{"author":"Ada","lang":"en"}`), used by the export
/// formats and by stores that keep props in one text column. Keys are written in byte order, so
/// equal prop sets always have the same text.
package enum PropsJSON {
    package static func object(_ props: [Prop]) -> String {
        var out = ""
        append(props, to: &out)
        return out
    }

    /// Appends the object to `out`, saving a copy when building a larger JSON text.
    package static func append(_ props: [Prop], to out: inout String) {
        if props.isEmpty {
            out += "{}"
            return
        }
        let sorted = isSortedByKey(props) ? props : props.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        out += "{"
        for (index, prop) in sorted.enumerated() {
            if index > 0 { out += "," }
            JSONText.appendQuoted(prop.key, to: &out)
            out += ":"
            JSONText.appendQuoted(prop.value, to: &out)
        }
        out += "}"
    }

    private static func isSortedByKey(_ props: [Prop]) -> Bool {
        var previous: Prop?
        for prop in props {
            if let previous, !previous.key.utf8.lexicographicallyPrecedes(prop.key.utf8) { return false }
            previous = prop
        }
        return true
    }
}
