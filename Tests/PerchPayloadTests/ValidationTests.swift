import Testing

@testable import PerchPayload

/// One case per row of spec §2.1, plus the alias and priority rules of §2.
@Suite struct ValidationTests {
    static let long121 = String(repeating: "é", count: 121)
    static let longURL = "https://a.com/" + String(repeating: "x", count: 1987)

    @Test(arguments: [
        ("not json", #"{"errors":{"request":["Unable to parse request body as json"]}}"#),
        ("", #"{"errors":{"request":["Unable to parse request body as json"]}}"#),
        ("[1]", #"{"errors":{"request":["Unable to parse request body as json"]}}"#),
        ("\"str\"", #"{"errors":{"request":["Unable to parse request body as json"]}}"#),
        ("{} x", #"{"errors":{"request":["Unable to parse request body as json"]}}"#),
        (#"{"n":"p","d":"a.com"}"#, #"{"errors":{"url":["is required"]}}"#),
        (#"{"n":"p","d":"a.com","u":null}"#, #"{"errors":{"url":["is required"]}}"#),
        (#"{"n":"p","d":"a.com","u":5}"#, #"{"errors":{"url":["must be a valid url"]}}"#),
        (#"{"n":"p","d":"a.com","u":""# + longURL + #""}"#, #"{"errors":{"url":["must be a valid url"]}}"#),
        (#"{"n":"p","d":"a.com","u":"data:text/html,x"}"#, #"{"errors":{"url":["scheme is not allowed"]}}"#),
        (#"{"n":"p","d":"a.com","u":"DATA:x"}"#, #"{"errors":{"url":["scheme is not allowed"]}}"#),
        (#"{"n":"p","d":"a.com","u":"https://a.com/%E0%A4%A"}"#, #"{"errors":{"url":["must be a valid url"]}}"#),
        (#"{"n":"p","d":"a.com","u":"https://a.com/?utm_source=%zz"}"#, #"{"errors":{"url":["must be a valid url"]}}"#),
        (#"{"n":"","d":"a.com","u":"https://a.com"}"#, #"{"errors":{"event_name":["can't be blank"]}}"#),
        (#"{"n":"  ","d":"a.com","u":"https://a.com"}"#, #"{"errors":{"event_name":["can't be blank"]}}"#),
        (#"{"n":null,"d":"a.com","u":"https://a.com"}"#, #"{"errors":{"event_name":["can't be blank"]}}"#),
        (#"{"d":"a.com","u":"https://a.com"}"#, #"{"errors":{"event_name":["can't be blank"]}}"#),
        (#"{"n":1.5,"d":"a.com","u":"https://a.com"}"#, #"{"errors":{"event_name":["is invalid"]}}"#),
        (#"{"n":true,"d":"a.com","u":"https://a.com"}"#, #"{"errors":{"event_name":["is invalid"]}}"#),
        (#"{"n":["x"],"d":"a.com","u":"https://a.com"}"#, #"{"errors":{"event_name":["is invalid"]}}"#),
        (
            #"{"n":""# + long121 + #"","d":"a.com","u":"https://a.com"}"#,
            #"{"errors":{"event_name":["should be at most 120 character(s)"]}}"#
        ),
        (
            #"{"n":"engagement","d":"a.com","u":"https://a.com"}"#,
            #"{"errors":{"event_name":["engagement event requires a valid integer value for at least one of "#
                + #"'sd' or 'e' fields"]}}"#
        ),
        (#"{"n":"p","d":" ","u":"https://a.com"}"#, #"{"errors":{"domain":["can't be blank"]}}"#),
        (#"{"n":"p","u":"/no/hostname"}"#, #"{"errors":{"domain":["can't be blank"]}}"#),
        (
            #"{"n":"p","d":"a.com","u":"https://a.com","m":{"k":""# + String(repeating: "v", count: 2001) + #""}}"#,
            #"{"errors":{"props":["keys should have at most 300 bytes and values 2000 bytes"]}}"#
        ),
        (
            #"{"n":"p","d":"a.com","u":"https://a.com","m":{""# + String(repeating: "k", count: 301) + #"":"v"}}"#,
            #"{"errors":{"props":["keys should have at most 300 bytes and values 2000 bytes"]}}"#
        ),
        (#"{"n":"p","d":"a.com","u":"https://a.com","h":true}"#, #"{"errors":{"hash_mode":["is invalid"]}}"#),
        (#"{"n":"p","d":"a.com","u":"https://a.com","h":"x"}"#, #"{"errors":{"hash_mode":["is invalid"]}}"#),
        (#"{"n":"p","d":"a.com","u":"https://a.com","h":1.5}"#, #"{"errors":{"hash_mode":["is invalid"]}}"#),
        (#"{"n":"p","d":"a.com","u":"https://www./x"}"#, #"{"errors":{"hostname":["can't be blank"]}}"#),
        (#"{"n":"p","d":"a.com","u":"about:%20"}"#, #"{"errors":{"pathname":["can't be blank"]}}"#),
        ("{}", #"{"errors":{"domain":["can't be blank"],"event_name":["can't be blank"],"url":["is required"]}}"#),
    ])
    func rejects(body: String, expected: String) {
        #expect(TestDecoding.errorBody(body) == expected)
    }

    @Test func bodyOverTheLimitIsUnparsable() {
        let padding = String(repeating: " ", count: EventRequestDecoder.bodyLimit)
        #expect(
            TestDecoding.errorBody(TestDecoding.pageview() + padding)
                == #"{"errors":{"request":["Unable to parse request body as json"]}}"#)
        #expect(TestDecoding.request(TestDecoding.pageview() + String(padding.dropLast(100))) != nil)
    }

    @Test(arguments: [
        (#"{"n":"a","name":"b","u":"https://x.com","d":"x.com"}"#, "a"),
        (#"{"n":false,"name":"b","u":"https://x.com","d":"x.com"}"#, "b"),
        (#"{"n":null,"name":"b","u":"https://x.com","d":"x.com"}"#, "b"),
        (#"{"name":"b","url":"https://x.com","domain":"x.com"}"#, "b"),
        (#"{"n":404,"u":"https://x.com","d":"x.com"}"#, "404"),
        (
            #"{"n":""# + String(repeating: "é", count: 120) + #"","u":"https://x.com","d":"x.com"}"#,
            String(repeating: "é", count: 120)
        ),
    ])
    func eventNameAliases(body: String, expected: String) {
        #expect(TestDecoding.request(body)?.name == expected)
    }

    @Test func emptyShortAliasDoesNotFallThrough() {
        #expect(
            TestDecoding.errorBody(#"{"n":"","name":"b","u":"https://x.com","d":"x.com"}"#)
                == #"{"errors":{"event_name":["can't be blank"]}}"#)
    }

    @Test(arguments: [
        (#"{"n":"p","u":"https://a.com/1","url":"https://b.com/2","d":"x"}"#, "a.com", "/1"),
        (#"{"n":"p","u":null,"url":"https://b.com/2","d":"x"}"#, "b.com", "/2"),
        (#"{"n":"p","u":false,"url":"https://b.com/2","d":"x"}"#, "b.com", "/2"),
    ])
    func urlAliases(body: String, hostname: String, pathname: String) {
        let request = TestDecoding.request(body)
        #expect(request?.hostname == hostname)
        #expect(request?.pathname == pathname)
    }

    @Test func formBodiesWork() throws {
        let body = "n=pageview&u=https%3A%2F%2Fa.com%2Fp%23x&d=a.com&h=1&m=%7B%22k%22%3A1%7D"
        let form = "application/x-www-form-urlencoded; charset=utf-8"
        let request = try #require(TestDecoding.request(body, contentType: form))
        #expect(request.name == "pageview")
        #expect(request.pathname == "/p#x")
        #expect(request.props == [.init(key: "k", value: "1")])
        #expect(
            TestDecoding.errorBody("n=%zz", contentType: "application/x-www-form-urlencoded")
                == #"{"errors":{"request":["Unable to parse request body as json"]}}"#)
    }

    @Test func jsonContentTypeIsParsedAsJSON() {
        #expect(TestDecoding.request(TestDecoding.pageview(), contentType: "application/json") != nil)
        #expect(TestDecoding.request(TestDecoding.pageview(), contentType: nil) != nil)
    }
}
