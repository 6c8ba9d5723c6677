import PerchCore
import Testing

@testable import PerchPayload

/// Spec §4.5, all six steps.
@Suite struct PropsTests {
    func props(_ extra: String, name: String = "pageview", url: String = "https://a.com/p") -> [Prop]? {
        let body = #"{"n":""# + name + #"","u":""# + url + #"","d":"a.com","# + extra + "}"
        return TestDecoding.request(body)?.props
    }

    func pairs(_ list: [(String, String)]) -> [Prop] {
        list.map { Prop(key: $0.0, value: $0.1) }
    }

    @Test(arguments: [
        (#""m":{"b":"2","a":"1"}"#, [("a", "1"), ("b", "2")]),
        (#""meta":{"a":"1"}"#, [("a", "1")]),
        (#""p":{"a":"1"}"#, [("a", "1")]),
        (#""props":{"a":"1"}"#, [("a", "1")]),
        (#""m":{"a":"1"},"props":{"b":"2"}"#, [("a", "1")]),
        (#""m":null,"props":{"b":"2"}"#, [("b", "2")]),
        (#""m":"{\"a\":\"1\"}""#, [("a", "1")]),
        (#""m":"not json""#, []),
        (#""m":"[1]""#, []),
        (#""m":[1,2]"#, []),
        (#""m":5"#, []),
    ])
    func sourcesOfProps(extra: String, expected: [(String, String)]) {
        #expect(props(extra) == pairs(expected))
    }

    @Test func filtersAndStringifies() {
        let extra =
            #""m":{"arr":[1],"obj":{},"nil":null,"empty":"","blank":"   ","tab":"\t x","#
            + #""bool_test":true,"number_test":12,"float":1.5,"neg":-3,"big":1000.0," ":"k","text":" keep ","f":false}"#
        #expect(
            props(extra)
                == pairs([
                    ("big", "1.0e3"), ("bool_test", "true"), ("f", "false"), ("float", "1.5"), ("neg", "-3"),
                    ("number_test", "12"), ("tab", "\t x"), ("text", " keep "),
                ]))
    }

    @Test(arguments: [
        ("404", "https://a.com/missing", "", [("path", "/missing")]),
        ("WP Form Completions", "https://a.com/f", #""m":{"x":"1"}"#, [("path", "/f"), ("x", "1")]),
        ("Form: Submission", "https://a.com/f", #""m":{"path":"/explicit"}"#, [("path", "/explicit")]),
        ("404", "https://a.com/m", #""m":{"path":null}"#, [("path", "/m")]),
        ("404", "https://a.com/#/h", #""h":1"#, [("path", "/#/h")]),
        ("pageview", "https://a.com/m", "", []),
        ("Signup", "https://a.com/m", "", []),
    ])
    func pathSync(name: String, url: String, extra: String, expected: [(String, String)]) {
        let body = #"{"n":""# + name + #"","u":""# + url + #"","d":"a.com""# + (extra.isEmpty ? "" : "," + extra) + "}"
        #expect(TestDecoding.request(body)?.props == pairs(expected))
    }

    @Test func keepsThirtySmallestKeysSorted() throws {
        let members = (0..<40).reversed().map { #""k\#($0 < 10 ? "0" : "")\#($0)":"v\#($0)""# }
        let kept = try #require(props(#""m":{"# + members.joined(separator: ",") + "}"))
        #expect(kept.count == 30)
        #expect(kept.first == Prop(key: "k00", value: "v0"))
        #expect(kept.last == Prop(key: "k29", value: "v29"))
        #expect(kept.map(\.key) == kept.map(\.key).sorted())
    }

    @Test func onlyKeptPropsAreValidated() {
        let longKey = String(repeating: "z", count: 301)
        let members = (0..<30).map { #""a\#($0)":"v""# } + [#"""# + longKey + #"":"v""#]
        #expect(props(#""m":{"# + members.joined(separator: ",") + "}")?.count == 30)
        #expect(props(#""m":{"k":""# + String(repeating: "v", count: 2000) + #""}"#)?.count == 1)
        #expect(props(#""m":{""# + String(repeating: "k", count: 300) + #"":"v"}"#)?.count == 1)
    }

    @Test func byteOrderNotLocaleOrder() {
        #expect(props(#""m":{"b":"1","B":"2","é":"3","a":"4"}"#)?.map(\.key) == ["B", "a", "b", "é"])
    }
}
