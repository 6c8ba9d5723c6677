import PerchCore
import Testing

@testable import PerchIngest

/// Revenue is stored only for an event named by one of the site's revenue goals (spec §4.6),
/// as Plausible's `Ingestion.Event.Revenue` decides it.
@Suite struct RevenueGoalTests {
    static func purchase(_ name: String = "Purchase", currency: String = "EUR") -> String {
        #"{"n":"\#(name)","u":"https://a.test/checkout","d":"a.test","$":{"amount":"49.99","currency":"\#(currency)"}}"#
    }

    func storedRevenue(goals: [String: String], body: String) throws -> Revenue? {
        let fixture = try PipelineFixture(revenueGoals: goals)
        _ = fixture.pipeline.process(fixture.request(body))
        let entry = try #require(fixture.journal.entries.first, "the event itself is always stored")
        return entry.event.revenue
    }

    @Test func goalInTheSameCurrencyStoresBothSidesAlike() throws {
        let revenue = try #require(try storedRevenue(goals: ["Purchase": "EUR"], body: Self.purchase()))
        #expect(revenue.sourceAmount == MilliAmount(thousandths: 49_990))
        #expect(revenue.sourceCurrency == "EUR")
        #expect(revenue.reportingAmount == MilliAmount(thousandths: 49_990))
        #expect(revenue.reportingCurrency == "EUR")
    }

    @Test func goalInAnotherCurrencyKeepsTheSourceAndLeavesTheReportingAmountNull() throws {
        let revenue = try #require(try storedRevenue(goals: ["Purchase": "USD"], body: Self.purchase()))
        #expect(revenue.sourceAmount == MilliAmount(thousandths: 49_990))
        #expect(revenue.sourceCurrency == "EUR")
        #expect(revenue.reportingAmount == nil, "no exchange rate known")
        #expect(revenue.reportingCurrency == "USD")
    }

    @Test(arguments: [
        [:],
        ["Signup": "EUR"],
        ["purchase": "EUR"],
    ])
    func withoutAMatchingRevenueGoalNoRevenueIsStored(goals: [String: String]) throws {
        #expect(try storedRevenue(goals: goals, body: Self.purchase()) == nil)
    }
}
