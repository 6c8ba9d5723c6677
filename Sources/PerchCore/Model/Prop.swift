/// One custom property of an event (`meta.key` / `meta.value` in Plausible's schema).
package struct Prop: Sendable, Hashable {
    package var key: String
    package var value: String

    package init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}
