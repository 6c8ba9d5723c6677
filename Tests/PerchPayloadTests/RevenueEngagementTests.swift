import PerchCore
import Testing

@testable import PerchPayload

/// Spec §4.6 (revenue), §4.7 (engagement) and §4.8 (interactive).
@Suite struct RevenueEngagementTests {
    @Test(arguments: [
        (#""revenue":{"amount":10,"currency":"USD"}"#, 10_000, "USD"),
        (#""$":{"amount":"12.3xyz","currency":"EUR"}"#, 12_300, "EUR"),
        (#""revenue":"{\"amount\":1.5,\"currency\":\"BRL\"}""#, 1_500, "BRL"),
        (#""revenue":{"amount":"10.2","currency":"USD"}"#, 10_200, "USD"),
        (#""revenue":{"amount":0.0005,"currency":"USD"}"#, 1, "USD"),
        (#""revenue":{"amount":"-2.0004","currency":"USD"}"#, -2_000, "USD"),
        (#""revenue":{"amount":"1e3","currency":"JPY"}"#, 1_000_000, "JPY"),
        (#""revenue":{"amount":"  5","currency":"USD"},"$":{"amount":1,"currency":"USD"}"#, 0, ""),
        (#""revenue":null,"$":{"amount":7,"currency":"GBP"}"#, 7_000, "GBP"),
    ])
    func acceptsRevenue(extra: String, thousandths: Int64, currency: String) {
        let revenue = TestDecoding.request(TestDecoding.pageview(extra))?.revenue
        if currency.isEmpty {
            #expect(revenue == nil)
        } else {
            let amount = MilliAmount(thousandths: thousandths)
            #expect(
                revenue
                    == Revenue(
                        sourceAmount: amount, sourceCurrency: currency, reportingAmount: amount,
                        reportingCurrency: currency))
        }
    }

    @Test(arguments: [
        #""revenue":{"amount":10,"currency":"EEEE"}"#,
        #""revenue":{"amount":10,"currency":"usd"}"#,
        #""revenue":{"amount":10}"#,
        #""revenue":{"currency":"USD"}"#,
        #""revenue":{"amount":"abc","currency":"USD"}"#,
        #""revenue":{"amount":null,"currency":"USD"}"#,
        #""revenue":{"amount":[1],"currency":"USD"}"#,
        #""revenue":{"amount":1e300,"currency":"USD"}"#,
        #""revenue":"garbage""#,
        #""revenue":5"#,
    ])
    func ignoresBadRevenueWithoutError(extra: String) throws {
        let request = try #require(TestDecoding.request(TestDecoding.pageview(extra)))
        #expect(request.revenue == nil)
    }

    @Test(arguments: [
        (#""sd":50,"e":1000"#, 50, 1000),
        (#""sd":"42""#, 42, 0),
        (#""sd":150"#, 100, 0),
        (#""sd":0"#, 0, 0),
        (#""sd":-1,"e":5"#, 255, 5),
        (#""sd":12.5,"e":5"#, 255, 5),
        (#""sd":"12asd","e":5"#, 255, 5),
        (#""sd":"null","e":5"#, 255, 5),
        (#""e":"2000""#, 255, 2000),
        (#""e":2591999999"#, 255, 2_591_999_999),
        (#""sd":1,"e":2592000000"#, 1, 0),
        (#""sd":1,"e":-5"#, 1, 0),
        (#""sd":"99999999999999999999999""#, 100, 0),
    ])
    func engagementFields(extra: String, scrollDepth: Int, engagementTime: Int) throws {
        let body = #"{"n":"engagement","u":"https://a.com/","d":"a.com","# + extra + "}"
        let request = try #require(TestDecoding.request(body))
        #expect(request.scrollDepth == UInt8(scrollDepth))
        #expect(request.engagementTime == UInt32(engagementTime))
    }

    @Test(arguments: [#""e":0"#, #""sd":-3,"e":0"#, #""sd":"x""#, #""sd":null,"e":null"#])
    func engagementWithoutUsableFieldsIsRejected(extra: String) {
        let body = #"{"n":"engagement","u":"https://a.com/","d":"a.com","# + extra + "}"
        #expect(
            TestDecoding.errorBody(body) == #"{"errors":{"event_name":["engagement event requires a "#
                + #"valid integer value for at least one of 'sd' or 'e' fields"]}}"#)
    }

    @Test func otherEventsIgnoreScrollAndTime() throws {
        let request = try #require(TestDecoding.request(TestDecoding.pageview(#""sd":50,"e":1000"#)))
        #expect(request.scrollDepth == 0)
        #expect(request.engagementTime == 0)
    }

    @Test(arguments: [
        ("", true), (#""i":false"#, false), (#""interactive":false"#, false), (#""i":true"#, true),
        (#""i":true,"interactive":false"#, false), (#""i":false,"interactive":true"#, false),
        (#""interactive":"false""#, false), (#""i":null"#, true), (#""i":"yes""#, true),
    ])
    func interactiveFlag(extra: String, expected: Bool) {
        #expect(TestDecoding.request(TestDecoding.pageview(extra))?.interactive == expected)
    }
}
