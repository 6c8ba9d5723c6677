import Testing

@testable import PerchPayload

/// `EventMembers` picks out of a body exactly what looking each name up would (`JSONValue`'s
/// subscript and `either`), for the names the decoder reads and names that only look like them.
@Suite struct EventMembersTests {
    static let names = [
        "n", "name", "h", "hashMode", "u", "url", "d", "domain", "sd", "e", "m", "meta", "p", "props", "r",
        "referrer", "revenue", "$", "i", "interactive",
    ]

    static let bodies = [
        #"{}"#,
        #"{"n":"pageview","u":"https://a.com/","d":"a.com","r":null}"#,
        #"{"name":"x","url":"u","domain":"d","referrer":"r","props":{"a":1},"revenue":{},"interactive":false}"#,
        #"{"n":false,"name":"fallback","u":null,"url":"later","d":"","domain":"x"}"#,
        #"{"n":"a","n":"b","N":"c","nn":"d","name ":"e","Name":"f","":"g","é":"h"}"#,
        #"{"m":null,"meta":false,"p":{"k":"v"},"props":{"k2":"v2"}}"#,
        #"{"m":false,"meta":null,"p":false,"props":null}"#,
        #"{"sd":10,"e":200,"i":"0","interactive":"false","h":1,"hashMode":0,"$":{"amount":1}}"#,
        #"{"hashmode":1,"Interactive":false,"revenuE":1,"domains":"x","urls":"y","propz":1,"metas":2}"#,
        #"{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"j":10,"k":11,"l":12,"m":13,"n":14,"o":15,"p":16,"q":17,"r":18,"s":19,"u":20}"#,
        #"[1,2]"#,
        #""text""#,
    ]

    static func slot(_ name: String, in members: EventMembers) -> JSONValue? {
        switch name {
        case "n": members.n
        case "name": members.name
        case "h": members.h
        case "hashMode": members.hashMode
        case "u": members.u
        case "url": members.url
        case "d": members.d
        case "domain": members.domain
        case "sd": members.sd
        case "e": members.e
        case "m": members.m
        case "meta": members.meta
        case "p": members.p
        case "props": members.props
        case "r": members.r
        case "referrer": members.referrer
        case "revenue": members.revenue
        case "$": members.dollar
        case "i": members.i
        case "interactive": members.interactive
        default: nil
        }
    }

    @Test(arguments: bodies)
    func slotsHoldWhatTheSubscriptFinds(body: String) throws {
        let object = try JSONParser().parse(Array(body.utf8))
        let members = EventMembers(object)
        for name in Self.names {
            #expect(Self.slot(name, in: members) == object[name], "\(name)")
        }
    }

    @Test(arguments: bodies)
    func eitherAgreesWithJSONValueEither(body: String) throws {
        let object = try JSONParser().parse(Array(body.utf8))
        let members = EventMembers(object)
        #expect(EventMembers.either(members.n, members.name) == object.either("n", "name"))
        #expect(EventMembers.either(members.u, members.url) == object.either("u", "url"))
        #expect(EventMembers.either(members.revenue, members.dollar) == object.either("revenue", "$"))
        #expect(
            EventMembers.either(members.m, members.meta, members.p, members.props)
                == object.either("m", "meta", "p", "props"))
    }
}
