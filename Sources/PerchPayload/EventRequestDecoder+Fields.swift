import PerchCore

extension EventRequestDecoder {
    /// What the page URL contributes: its parts and the derived hostname, pathname and query.
    struct Page {
        var url: PageURL
        var hostname: String
        var pathname: String
        var query: FormParameters
    }

    static let maxNameLength = 120
    static let maxURLBytes = 2000

    static func eventName(_ value: JSONValue?, fail: (String, String) -> Void) -> String? {
        let name: String
        switch value {
        case nil, .null?, .bool(false)?:
            fail("event_name", "can't be blank")
            return nil
        case .string(let text)?: name = text
        case .integer(let integer)?: name = String(integer)
        default:
            fail("event_name", "is invalid")
            return nil
        }
        if name.isBlank {
            fail("event_name", "can't be blank")
            return nil
        }
        if name.utf8.count > maxNameLength && name.count > maxNameLength {
            fail("event_name", "should be at most \(maxNameLength) character(s)")
            return nil
        }
        return name
    }

    /// True only for a value that casts to the integer 1; false/null/absent mean off.
    static func hashMode(_ value: JSONValue?, fail: (String, String) -> Void) -> Bool {
        guard let value, value.isTruthy else { return false }
        guard let integer = ElixirInteger.cast(value) else {
            fail("hash_mode", "is invalid")
            return false
        }
        return integer == 1
    }

    static func page(_ value: JSONValue?, hashMode: Bool, fail: (String, String) -> Void) -> Page? {
        let text: String
        switch value {
        case nil, .null?:
            fail("url", "is required")
            return nil
        case .string(let string)? where string.utf8.count <= maxURLBytes:
            text = string
        default:
            fail("url", "must be a valid url")
            return nil
        }
        let url = PageURL(text)
        if url.scheme == "data" {
            fail("url", "scheme is not allowed")
            return nil
        }
        let pathname: String
        let query: FormParameters
        do {
            var path = (try url.decodedPath() ?? "/").trimmingTrailingWhitespace
            if hashMode, let fragment = url.fragment {
                path += "#" + (try PercentDecoding.decode(fragment))
            }
            pathname = path
            query = try url.queryParameters()
        } catch {
            fail("url", "must be a valid url")
            return nil
        }
        var hostname = "(none)"
        if let host = url.host, !host.isEmpty {
            hostname = host.trimmingWhitespace.withoutWWW
            if hostname.isEmpty { fail("hostname", "can't be blank") }
        }
        if pathname.isEmpty { fail("pathname", "can't be blank") }
        return Page(url: url, hostname: hostname, pathname: pathname, query: query)
    }

    /// At most this many domains in one request's `d` (Plausible's tracker sends one).
    package static let maxDomains = 50

    /// The domain list (spec §2, §4.1), lowercased for case-insensitive matching (Perch box).
    static func domains(_ value: JSONValue?, pageHost: String?, fail: (String, String) -> Void) -> [String]? {
        if case .string(let raw)? = value {
            let trimmed = raw.trimmingWhitespace
            guard !trimmed.isEmpty else {
                fail("domain", "can't be blank")
                return nil
            }
            let parts = trimmed.utf8.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
            // Each domain becomes an event: a long list would turn one request into thousands.
            guard parts.count <= maxDomains else {
                fail("domain", "lists at most \(maxDomains) domains")
                return nil
            }
            return parts.map { Self.canonicalDomain(String(Substring($0))) }
        }
        if let pageHost {
            let domain = Self.canonicalDomain(pageHost)
            if !domain.isEmpty { return [domain] }
        }
        fail("domain", "can't be blank")
        return nil
    }

    /// As `Site.canonicalDomain`, trimming Unicode whitespace like Elixir does.
    static func canonicalDomain(_ raw: String) -> String {
        let domain = raw.trimmingWhitespace.lowercasedFast
        return domain.hasPrefix("www.") ? String(domain.dropFirst(4)) : domain
    }
}
