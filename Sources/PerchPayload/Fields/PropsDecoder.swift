import PerchCore

/// Custom props (spec §4.5): filtered, stringified, path-synced, capped at 30 and validated.
package enum PropsDecoder {
    package static let maxCount = 30
    package static let maxKeyBytes = 300
    package static let maxValueBytes = 2000
    package static let errorMessage = "keys should have at most 300 bytes and values 2000 bytes"

    /// Event names whose `path` prop is filled from the page path unless the client sent one.
    private static let pathSyncedEvents: Set<String> = ["404", "WP Form Completions", "Form: Submission"]

    /// The props to store, sorted by key (byte order); nil when a kept pair is too long.
    package static func decode(
        _ raw: JSONValue?, eventName: String, pathname: String, parser: JSONParser
    ) -> [Prop]? {
        var props: [Prop] = []
        for member in members(of: raw, parser: parser) {
            guard !member.key.isBlank, let value = member.value.scalarText, !value.isBlank else { continue }
            props.append(Prop(key: member.key, value: value))
        }
        if pathSyncedEvents.contains(eventName), !props.contains(where: { $0.key == "path" }) {
            props.insert(Prop(key: "path", value: pathname), at: 0)
        }
        props.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        if props.count > maxCount { props.removeSubrange(maxCount...) }
        for prop in props where prop.key.utf8.count > maxKeyBytes || prop.value.utf8.count > maxValueBytes {
            return nil
        }
        return props
    }

    private static func members(of raw: JSONValue?, parser: JSONParser) -> [(key: String, value: JSONValue)] {
        switch raw {
        case .object(let members)?:
            return members
        case .string(let text)?:
            guard case .object(let members)? = try? parser.parse(Array(text.utf8)) else { return [] }
            return members
        default:
            return []
        }
    }
}
