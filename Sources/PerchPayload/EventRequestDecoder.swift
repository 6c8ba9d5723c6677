import PerchCore

/// Turns the body of `POST /api/event` into a validated `EventRequest` (spec §1.2–§4.8), or the
/// 400 errors Plausible would answer with. Pure and synchronous: safe to call from an event loop.
package struct EventRequestDecoder: Sendable {
    /// Larger bodies are refused as unparsable, like Plausible's `read_body` limit.
    package static let bodyLimit = 1_000_000
    package static let unparsableMessage = "Unable to parse request body as json"

    package var parser: JSONParser
    /// Names referral sources (spec §4.2); the ingest path hands in the live referrer-sources data.
    package var sources: any ReferrerSourceNaming

    package init(parser: JSONParser = JSONParser(), sources: any ReferrerSourceNaming) {
        self.parser = parser
        self.sources = sources
    }

    package func decode(body: [UInt8], contentType: String?) -> Result<EventRequest, ValidationErrors> {
        body.withUnsafeBytes { decode(body: $0, contentType: contentType) }
    }

    package func decode(body: UnsafeRawBufferPointer, contentType: String?) -> Result<EventRequest, ValidationErrors> {
        guard body.count <= Self.bodyLimit, let object = parseBody(body, contentType: contentType) else {
            return .failure(ValidationErrors(field: "request", message: Self.unparsableMessage))
        }
        return decode(object: object)
    }

    /// A JSON object, or nil when the body is not one.
    private func parseBody(_ body: UnsafeRawBufferPointer, contentType: String?) -> JSONValue? {
        if let contentType, Self.isForm(contentType) {
            guard let text = UTF8Text.validated(body),
                let form = try? FormParameters(decoding: text)
            else { return nil }
            return form.jsonObject
        }
        guard let value = try? parser.parse(body), case .object = value else { return nil }
        return value
    }

    private static func isForm(_ contentType: String) -> Bool {
        let form = "application/x-www-form-urlencoded".utf8
        var bytes = contentType.utf8.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        guard bytes.count >= form.count else { return false }
        for expected in form {
            guard bytes.first! | 0x20 == expected | 0x20 else { return false }
            bytes = bytes.dropFirst()
        }
        return bytes.first.map { $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: " ") } ?? true
    }

    /// Validates a decoded body; errors are reported with fields in key order, as Plausible's
    /// JSON encoder writes its (small, sorted) error map.
    package func decode(object: JSONValue) -> Result<EventRequest, ValidationErrors> {
        var errors: [String: [String]] = [:]
        func fail(_ field: String, _ message: String) { errors[field, default: []].append(message) }

        let members = EventMembers(object)
        let name = Self.eventName(EventMembers.either(members.n, members.name), fail: fail)
        let hashMode = Self.hashMode(EventMembers.either(members.h, members.hashMode), fail: fail)
        let page = Self.page(EventMembers.either(members.u, members.url), hashMode: hashMode, fail: fail)
        let domains = Self.domains(
            EventMembers.either(members.d, members.domain), pageHost: page?.url.host, fail: fail)

        var engagement = Engagement(sd: nil, e: nil)
        if name == "engagement" {
            engagement = Engagement(sd: members.sd, e: members.e)
            if engagement.isUnusable { fail("event_name", Engagement.errorMessage) }
        } else {
            engagement = Engagement(sd: .integer(0), e: .integer(0))
        }

        let pathname = page?.pathname ?? "/"
        let props = PropsDecoder.decode(
            EventMembers.either(members.m, members.meta, members.p, members.props),
            eventName: name ?? "", pathname: pathname, parser: parser)
        if props == nil { fail("props", PropsDecoder.errorMessage) }

        guard errors.isEmpty, let name, let page, let domains, let props else {
            var result = ValidationErrors()
            for field in errors.keys.sorted() {
                for message in errors[field]! { result.add(field: field, message: message) }
            }
            return .failure(result)
        }

        var referrer: String?
        if case .string(let text)? = EventMembers.either(members.r, members.referrer) {
            // At most 2000 bytes is at most 2000 characters: no need to walk the characters.
            referrer = text.utf8.count <= 2000 ? text : String(text.prefix(2000))
        }
        let acquisition = Acquisition(
            pageHost: page.url.host,
            referrer: referrer,
            query: page.query,
            sources: sources
        )
        return .success(
            EventRequest(
                name: name,
                domains: domains,
                hostname: page.hostname,
                pathname: page.pathname,
                referrerHost: acquisition.referrerHost,
                acquisition: acquisition.attributes,
                props: props,
                revenue: RevenueDecoder.decode(EventMembers.either(members.revenue, members.dollar), parser: parser),
                scrollDepth: engagement.scrollDepth,
                engagementTime: engagement.engagementTime,
                interactive: !(Self.isFalse(members.i) || Self.isFalse(members.interactive))
            ))
    }

    /// Ecto's boolean cast of `false`: the value itself, or the strings a form body would carry.
    private static func isFalse(_ value: JSONValue?) -> Bool {
        switch value {
        case .bool(false)?, .string("false")?, .string("0")?: return true
        default: return false
        }
    }
}
