import PerchCore

extension Site {
    /// The revenue an event stores, as Plausible decides it (spec §4.6): only when the site has a
    /// revenue goal for the event's name (exact, case-sensitive). In the goal's currency both sides
    /// hold the amount sent; in another currency the source side is kept and the reporting side is
    /// in the goal's currency, its amount left null as Perch has no exchange rates (spec box).
    /// Without a matching goal all four revenue columns stay empty.
    func storedRevenue(_ sent: Revenue?, eventName: String) -> Revenue? {
        guard let sent, let currency = revenueGoals[eventName] else { return nil }
        let sameCurrency = currency == sent.sourceCurrency
        return Revenue(
            sourceAmount: sent.sourceAmount,
            sourceCurrency: sent.sourceCurrency,
            reportingAmount: sameCurrency ? sent.sourceAmount : nil,
            reportingCurrency: currency
        )
    }
}
