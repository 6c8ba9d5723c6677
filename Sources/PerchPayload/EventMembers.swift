/// The members of an event body that the decoder reads (spec §2), picked out of the object in one
/// pass instead of one scan of its members per name. Each slot holds the member's value, or nil
/// when the body has no member of that name (JSON objects here have no duplicate keys).
struct EventMembers {
    var n: JSONValue?
    var name: JSONValue?
    var h: JSONValue?
    var hashMode: JSONValue?
    var u: JSONValue?
    var url: JSONValue?
    var d: JSONValue?
    var domain: JSONValue?
    var sd: JSONValue?
    var e: JSONValue?
    var m: JSONValue?
    var meta: JSONValue?
    var p: JSONValue?
    var props: JSONValue?
    var r: JSONValue?
    var referrer: JSONValue?
    var revenue: JSONValue?
    var dollar: JSONValue?
    var i: JSONValue?
    var interactive: JSONValue?

    init(_ object: JSONValue) {
        guard case .object(let members) = object else { return }
        for member in members {
            // Names are told apart by length first, so each member costs a comparison or two.
            let key = member.key
            let value = member.value
            switch key.utf8.count {
            case 1:
                // One byte: an ASCII character, so comparing the byte is comparing the strings.
                switch key.utf8.first {
                case UInt8(ascii: "n"): n = value
                case UInt8(ascii: "h"): h = value
                case UInt8(ascii: "u"): u = value
                case UInt8(ascii: "d"): d = value
                case UInt8(ascii: "e"): e = value
                case UInt8(ascii: "m"): m = value
                case UInt8(ascii: "p"): p = value
                case UInt8(ascii: "r"): r = value
                case UInt8(ascii: "i"): i = value
                case UInt8(ascii: "$"): dollar = value
                default: break
                }
            case 2:
                if key == "sd" { sd = value }
            case 3:
                if key == "url" { url = value }
            case 4:
                if key == "name" {
                    name = value
                } else if key == "meta" {
                    meta = value
                }
            case 5:
                if key == "props" { props = value }
            case 6:
                if key == "domain" { domain = value }
            case 7:
                if key == "revenue" { revenue = value }
            case 8:
                if key == "hashMode" {
                    hashMode = value
                } else if key == "referrer" {
                    referrer = value
                }
            case 11:
                if key == "interactive" { interactive = value }
            default:
                break
            }
        }
    }

    /// Elixir's `a || b` over members, as `JSONValue.either`: the first truthy value, else the
    /// last operand (so `false` or `null` there is kept, and a missing last member gives nil).
    static func either(_ first: JSONValue?, _ second: JSONValue?) -> JSONValue? {
        if let first, first.isTruthy { return first }
        return second
    }

    /// `a || b || c || d`, as `either(_:_:)`.
    static func either(
        _ first: JSONValue?, _ second: JSONValue?, _ third: JSONValue?, _ fourth: JSONValue?
    ) -> JSONValue? {
        either(first, either(second, either(third, fourth)))
    }
}
