/// A site's conversion goal: a custom event name or a page path pattern (`*` within a path
/// segment, `**` across segments), with an optional revenue currency.
package struct Goal: Sendable, Hashable {
    /// What completes the goal.
    package enum Kind: Sendable, Hashable {
        case event(String)
        case page(String)
    }

    package var kind: Kind
    package var currency: String?

    package init(kind: Kind, currency: String? = nil) {
        self.kind = kind
        self.currency = currency
    }

    package static func event(_ name: String, currency: String? = nil) -> Goal {
        Goal(kind: .event(name), currency: currency)
    }

    package static func page(_ path: String) -> Goal {
        Goal(kind: .page(path))
    }

    /// The name the API shows and filters by: the event name, or `Visit /path`.
    package var displayName: String {
        switch kind {
        case .event(let name): name
        case .page(let path): "Visit " + path
        }
    }
}
