import PerchCore

/// A request to `POST /api/event` that passed validation (spec §2–§4): everything the pipeline
/// needs, derived once for all the domains it names.
package struct EventRequest: Sendable, Hashable {
    /// `n`/`name`, at most 120 characters.
    package var name: String
    /// `d`/`domain` split on `,`, each trimmed, lowercased (Perch matches domains
    /// case-insensitively) and without a leading `www.`, in request order.
    /// An empty entry (a trailing comma) is kept, so that it is dropped as `not_found`.
    package var domains: [String]
    /// URL host without one leading `www.`, or `(none)`.
    package var hostname: String
    /// Decoded URL path (with `#fragment` in hash mode), `/` when empty.
    package var pathname: String
    /// Host of the `r`/`referrer` URL, without a leading `www.`, when it has one (for spam checks).
    package var referrerHost: String?
    /// The acquisition half of the visit attributes: `referrer`, `referrerSource`, `utm*`,
    /// `clickIDParam` (with medium inference applied). Geo and device fields are left empty.
    package var acquisition: VisitAttributes
    /// At most 30, sorted by key; `path` synced for `404` and form events.
    package var props: [Prop]
    package var revenue: Revenue?
    /// 0 unless the event is `engagement`; 255 means unknown.
    package var scrollDepth: UInt8
    /// 0 unless the event is `engagement`.
    package var engagementTime: UInt32
    /// False when `i` or `interactive` is `false`.
    package var interactive: Bool

    package init(
        name: String,
        domains: [String],
        hostname: String,
        pathname: String,
        referrerHost: String?,
        acquisition: VisitAttributes,
        props: [Prop],
        revenue: Revenue?,
        scrollDepth: UInt8,
        engagementTime: UInt32,
        interactive: Bool
    ) {
        self.name = name
        self.domains = domains
        self.hostname = hostname
        self.pathname = pathname
        self.referrerHost = referrerHost
        self.acquisition = acquisition
        self.props = props
        self.revenue = revenue
        self.scrollDepth = scrollDepth
        self.engagementTime = engagementTime
        self.interactive = interactive
    }

    package var isPageview: Bool { name == "pageview" }
    package var isEngagement: Bool { name == "engagement" }
}

/// Why a request was refused with 400: messages per field, in the order they were found.
/// Rendered as Plausible does: `{"errors":{"url":["is required"],...}}`.
package struct ValidationErrors: Error, Sendable, Hashable {
    package var fields: [(field: String, messages: [String])] {
        storage.map { ($0.field, $0.messages) }
    }
    private var storage: [FieldMessages] = []

    private struct FieldMessages: Sendable, Hashable {
        var field: String
        var messages: [String]
    }

    package init() {}

    package init(field: String, message: String) {
        add(field: field, message: message)
    }

    package var isEmpty: Bool { storage.isEmpty }

    package mutating func add(field: String, message: String) {
        if let index = storage.firstIndex(where: { $0.field == field }) {
            storage[index].messages.append(message)
        } else {
            storage.append(FieldMessages(field: field, messages: [message]))
        }
    }

    package func messages(for field: String) -> [String] {
        storage.first(where: { $0.field == field })?.messages ?? []
    }

    /// The 400 body: `{"errors":{"field":["message"]}}`.
    package var jsonBody: String {
        let members = storage.map { entry in
            JSONText.quoted(entry.field) + ":[" + entry.messages.map(JSONText.quoted).joined(separator: ",") + "]"
        }
        return "{\"errors\":{" + members.joined(separator: ",") + "}}"
    }
}
