/// A Plausible wildcard pattern: `**` matches anything, `*` anything but `/`, `|` separates
/// alternatives; the whole value must match.
package struct WildcardPattern: Sendable, Hashable {
    package var text: String

    package init(_ text: String) {
        self.text = text
    }

    /// The equivalent anchored regular expression, for stores that evaluate regexes.
    package var regex: String {
        let alternatives = text.split(separator: "|", omittingEmptySubsequences: false).map { alternative in
            var out = ""
            var characters = Array(alternative)[...]
            while let character = characters.popFirst() {
                if character == "*" {
                    if characters.first == "*" {
                        characters.removeFirst()
                        out += ".*"
                    } else {
                        out += "[^/]*"
                    }
                } else if "\\^$.|?+()[]{}".contains(character) {
                    out += "\\" + String(character)
                } else {
                    out.append(character)
                }
            }
            return out
        }
        return "^(?:" + alternatives.joined(separator: "|") + ")$"
    }

    package func matches(_ value: String) -> Bool {
        text.split(separator: "|", omittingEmptySubsequences: false).contains { alternative in
            Self.glob(Array(alternative)[...], Array(value)[...])
        }
    }

    private static func glob(_ pattern: ArraySlice<Character>, _ value: ArraySlice<Character>) -> Bool {
        guard let first = pattern.first else { return value.isEmpty }
        if first == "*" {
            let crossesSlash = pattern.dropFirst().first == "*"
            let rest = pattern.dropFirst(crossesSlash ? 2 : 1)
            var tail = value
            while true {
                if glob(rest, tail) { return true }
                guard let next = tail.first, crossesSlash || next != "/" else { return false }
                tail = tail.dropFirst()
            }
        }
        guard value.first == first else { return false }
        return glob(pattern.dropFirst(), value.dropFirst())
    }
}
