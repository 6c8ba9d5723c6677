import HTTPTypes
import NIOHTTP1

/// The header fields the Events API reads of a request, picked out once: the body's type, the
/// User-Agent, the client-IP headers a trusted proxy sets, and the two the fast path answers to
/// (`Expect`, `Connection`). From NIO's `HTTPHeaders` they are picked in one pass over the fields,
/// instead of one pass per name. Each reads as `RequestHeaders.value(of:)` does: several fields of
/// one name are one value joined with ", ", and a name not sent is nil.
package struct EventRequestHeaders: Sendable {
    package var contentType: String?
    package var userAgent: String?
    package var plausibleIP: String?
    package var cfConnectingIP: String?
    package var bForwardedFor: String?
    package var xForwardedFor: String?
    package var forwarded: String?
    package var plausibleIPType: String?
    package var expect: String?
    package var connection: String?

    package init() {}

    /// Each field looked up by name (HTTPTypes' `HTTPFields` keeps an index of names).
    package init(_ headers: some RequestHeaders) {
        contentType = headers.value(of: .contentType)
        userAgent = headers.value(of: .userAgent)
        plausibleIP = headers.value(of: Self.plausibleIPName)
        cfConnectingIP = headers.value(of: Self.cfConnectingIPName)
        bForwardedFor = headers.value(of: Self.bForwardedForName)
        xForwardedFor = headers.value(of: Self.xForwardedForName)
        forwarded = headers.value(of: Self.forwardedName)
        plausibleIPType = headers.value(of: Self.plausibleIPTypeName)
        expect = headers.value(of: .expect)
        connection = headers.value(of: .connection)
    }

    /// One pass over NIO's fields: each name is told apart by its length, then compared ignoring
    /// ASCII case with the one or two names of that length.
    package init(_ headers: HTTPHeaders) {
        for (name, value) in headers {
            let bytes = name.utf8
            switch bytes.count {
            case 6: if Self.same(bytes, "expect") { Self.add(value, to: &expect) }
            case 9: if Self.same(bytes, "forwarded") { Self.add(value, to: &forwarded) }
            case 10:
                if Self.same(bytes, "user-agent") {
                    Self.add(value, to: &userAgent)
                } else if Self.same(bytes, "connection") {
                    Self.add(value, to: &connection)
                }
            case 12: if Self.same(bytes, "content-type") { Self.add(value, to: &contentType) }
            case 14: if Self.same(bytes, "x-plausible-ip") { Self.add(value, to: &plausibleIP) }
            case 15:
                if Self.same(bytes, "x-forwarded-for") {
                    Self.add(value, to: &xForwardedFor)
                } else if Self.same(bytes, "b-forwarded-for") {
                    Self.add(value, to: &bForwardedFor)
                }
            case 16: if Self.same(bytes, "cf-connecting-ip") { Self.add(value, to: &cfConnectingIP) }
            case 19: if Self.same(bytes, "x-plausible-ip-type") { Self.add(value, to: &plausibleIPType) }
            default: break
            }
        }
    }

    static let plausibleIPName = HTTPField.Name("X-Plausible-IP")!
    static let cfConnectingIPName = HTTPField.Name("CF-Connecting-IP")!
    static let bForwardedForName = HTTPField.Name("B-Forwarded-For")!
    static let xForwardedForName = HTTPField.Name("X-Forwarded-For")!
    static let forwardedName = HTTPField.Name("Forwarded")!
    static let plausibleIPTypeName = HTTPField.Name("x-plausible-ip-type")!

    private static func add(_ value: String, to field: inout String?) {
        if let previous = field { field = previous + ", " + value } else { field = value }
    }

    /// Whether `name` equals `lowercased` (a lowercase ASCII literal of the same length), ignoring
    /// ASCII case.
    private static func same(_ name: String.UTF8View, _ lowercased: StaticString) -> Bool {
        lowercased.withUTF8Buffer { wanted in
            var index = name.startIndex
            for expected in wanted {
                let byte = name[index]
                let lowered = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
                if lowered != expected { return false }
                name.formIndex(after: &index)
            }
            return true
        }
    }
}
