/// The JSON object form of custom properties (`{"author":"Ada","lang":"en"}`), used by the export
/// formats and by stores that keep props in one text column. Keys are written in byte order, so
/// equal prop sets always have the same text.
package enum PropsJSON {
    package static func object(_ props: [Prop]) -> String {
        if props.isEmpty { return "{}" }
        let sorted = isSortedByKey(props) ? props : props.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        var out = "{"
        for (index, prop) in sorted.enumerated() {
            if index > 0 { out += "," }
            out += JSONText.quoted(prop.key)
            out += ":"
            out += JSONText.quoted(prop.value)
        }
        return out + "}"
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
